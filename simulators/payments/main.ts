/**
 * `npm run sim:payments`: starts the national-platform and VNPAY-protocol simulators on
 * loopback and prints one JSON line with their addresses. Settings (environment):
 * SIM_NATIONAL_PORT, SIM_VNPAY_PORT (0 = any free port), SIM_NATIONAL_PARTNER_CODE,
 * SIM_NATIONAL_SECRET, SIM_NATIONAL_TOKEN, SIM_VNPAY_TMN_CODE, SIM_VNPAY_HASH_SECRET,
 * SIM_VNPAY_IPN_URL. The defaults are the published demo values OpenDVC uses outside production.
 */
import { createNationalSimulator } from './national.js';
import { listen, TEST_BANNER } from './shared.js';
import { createVnpaySimulator } from './vnpay.js';

const env = process.env;
const national = createNationalSimulator({
  partnerCode: env.SIM_NATIONAL_PARTNER_CODE ?? 'OPENDVC',
  secret: env.SIM_NATIONAL_SECRET ?? 'opendvc-demo-national-secret',
  token: env.SIM_NATIONAL_TOKEN ?? 'opendvc-demo-national-token',
});
const vnpay = createVnpaySimulator({
  tmnCode: env.SIM_VNPAY_TMN_CODE ?? 'OPENDVC1',
  hashSecret: env.SIM_VNPAY_HASH_SECRET ?? 'OPENDVCDEMOVNPAYHASHSECRET',
  ipnUrl: env.SIM_VNPAY_IPN_URL,
});
const nationalUrl = await listen(national.server, Number(env.SIM_NATIONAL_PORT ?? 3201));
national.setBase(nationalUrl);
const vnpayUrl = await listen(vnpay.server, Number(env.SIM_VNPAY_PORT ?? 3202));
console.log(JSON.stringify({ national: nationalUrl, vnpay: vnpayUrl, banner: TEST_BANNER }));

const stop = () => {
  national.server.close();
  vnpay.server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Started by a parent (npm start, tests): exit with it.
process.on('disconnect', stop);
