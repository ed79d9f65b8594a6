export { calendarAdminRoutes, calendarRoutes } from './calendar.routes.js';
export { loadWorkingCalendar } from './calendar.usecases.js';
