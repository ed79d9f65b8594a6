/**
 * Templates of the e-form on top of @rjsf/mantine: headings that follow the page's h1 (the form's
 * title h2, its sections h3, deeper h4), each row of a repeatable section titled with its number
 * ("Giếng 2"), and repeatable sections that show when they are required, say what their buttons
 * add or remove ("Thêm giếng") and show their own error visibly beside them.
 */
import { Box, Button, Fieldset, Group, Text, Title } from '@mantine/core';
import { Templates as MantineTemplates } from '@rjsf/mantine';
import { buttonId, errorId, getTemplate, getUiOptions, titleId, type ArrayFieldItemTemplateProps, type ArrayFieldTemplateProps, type ArrayFieldTitleProps, type FieldErrorProps, type IconButtonProps, type RJSFSchema, type TemplatesType, type TitleFieldProps } from '@rjsf/utils';
import type { FormLocale } from '../../../../../common/forms/messages-vi';
import classes from './DossierForm.module.css';

type HeadingOrder = 2 | 3 | 4 | 5;

/** h2 for the form's title, h3 for its sections, h4 below (row numbers do not count). */
export function headingOrder(segments: ReadonlyArray<string | number>): HeadingOrder {
  const depth = segments.filter((s) => typeof s !== 'number' && !/^\d+$/.test(String(s))).length;
  return Math.min(2 + depth, 5) as HeadingOrder;
}

/** `root_abstraction_wells_0__title` → ['abstraction', 'wells', '0']. */
export function segmentsOfTitleId(id: string): string[] {
  return id.replace(/__title$/, '').split('_').slice(1).filter(Boolean);
}

/** "Giếng" → "giếng" for "Thêm giếng" (a title starting with an acronym keeps its case). */
const lowerFirst = (s: string) => (/^\p{Lu}{2}/u.test(s) ? s : s.charAt(0).toLocaleLowerCase('vi') + s.slice(1));

/** The name of one row of an array: the item schema's title, else the array's. */
export function rowNoun(schema: RJSFSchema): string | undefined {
  const items = schema.items;
  const title = items && typeof items === 'object' && !Array.isArray(items) && typeof items.title === 'string' ? items.title : undefined;
  return title || undefined;
}

function TitleField({ id, title, optionalDataControl }: TitleFieldProps) {
  if (!title) return null;
  const segments = segmentsOfTitleId(id);
  const last = segments[segments.length - 1];
  // A row of a repeatable section: "Giếng 2".
  const text = last !== undefined && /^\d+$/.test(last) ? `${title} ${Number(last) + 1}` : title;
  const heading = (
    <Title id={id} order={headingOrder(segments)} size={segments.length === 0 ? 'h4' : 'h5'} fw={segments.length === 0 ? 700 : 600}>
      {text}
    </Title>
  );
  return optionalDataControl ? (
    <Group justify="space-between" wrap="nowrap">
      {heading}
      {optionalDataControl}
    </Group>
  ) : (
    heading
  );
}

function ArrayFieldTitle({ fieldPathId, title, required, schema, uiSchema, registry }: ArrayFieldTitleProps & { required?: boolean }) {
  const options = getUiOptions(uiSchema, registry.globalUiOptions);
  if (!title || options.label === false) return null;
  const mandatory = required || (typeof schema.minItems === 'number' && schema.minItems > 0);
  return (
    <Title id={titleId(fieldPathId)} order={headingOrder(fieldPathId.path)} size="h5" fw={600}>
      {title}
      {mandatory ? (
        <span className={classes.required} aria-hidden="true">
          {' *'}
        </span>
      ) : null}
    </Title>
  );
}

/** A repeatable section: its title (with * when required), its error in view, its rows and a labelled add button. */
function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { canAdd, className, disabled, fieldPathId, items, optionalDataControl, onAddClick, readonly, required, schema, uiSchema, title, registry, rawErrors } = props;
  const uiOptions = getUiOptions(uiSchema);
  const ArrayFieldDescriptionTemplate = getTemplate('ArrayFieldDescriptionTemplate', registry, uiOptions);
  const locale = (registry.formContext as { locale?: FormLocale } | undefined)?.locale ?? 'vi';
  const noun = rowNoun(schema);
  const addLabel = locale === 'en' ? (noun ? `Add ${lowerFirst(noun)}` : 'Add row') : noun ? `Thêm ${lowerFirst(noun)}` : 'Thêm dòng';
  const errors = rawErrors?.filter(Boolean) ?? [];
  const shownTitle = (uiOptions.title as string | undefined) || title;
  return (
    <Fieldset
      id={fieldPathId.$id}
      tabIndex={-1}
      className={className}
      aria-invalid={errors.length > 0 || undefined}
      aria-describedby={errors.length ? errorId(fieldPathId) : undefined}
      legend={shownTitle ? <ArrayFieldTitle fieldPathId={fieldPathId} title={shownTitle} required={required} schema={schema} uiSchema={uiSchema} registry={registry} /> : undefined}
    >
      {uiOptions.description || schema.description ? (
        <ArrayFieldDescriptionTemplate description={uiOptions.description || schema.description} fieldPathId={fieldPathId} schema={schema} uiSchema={uiSchema} registry={registry} />
      ) : null}
      {errors.length ? (
        <Text id={errorId(fieldPathId)} size="sm" c="red.9" fw={600} mb="xs">
          {errors.join(' ')}
        </Text>
      ) : null}
      <Box className="row rjsf-array-item-list">
        {optionalDataControl}
        {items}
      </Box>
      {canAdd ? (
        <Button
          id={buttonId(fieldPathId, 'add')}
          className="rjsf-array-item-add"
          variant="default"
          size="sm"
          leftSection={<span aria-hidden="true">+</span>}
          disabled={disabled || readonly}
          onClick={() => onAddClick()}
        >
          {addLabel}
        </Button>
      ) : null}
    </Fieldset>
  );
}

/** Errors of sections (objects) have no widget to show them: show them in view. Widgets show their own. */
function FieldErrorTemplate({ errors, fieldPathId, schema }: FieldErrorProps) {
  if (!errors?.length) return null;
  const visible = schema.type === 'object';
  return (
    <Text id={errorId(fieldPathId)} size="sm" c="red.9" fw={600} display={visible ? undefined : 'none'} component="div">
      {errors.map((e, i) => (
        <div key={i}>{e}</div>
      ))}
    </Text>
  );
}

/** One row of a repeatable section: its fields full width, its buttons below them (room on a phone). */
function ArrayFieldItemTemplate({ buttonsProps, className, hasToolbar, index, uiSchema, registry, children }: ArrayFieldItemTemplateProps) {
  const uiOptions = getUiOptions(uiSchema);
  const ArrayFieldItemButtonsTemplate = getTemplate('ArrayFieldItemButtonsTemplate', registry, uiOptions);
  return (
    <Box key={`array-item-${index}`} className={`${className || 'rjsf-array-item'} ${classes.row}`}>
      {children}
      {hasToolbar ? (
        <Group justify="flex-end" gap={4} mt={4}>
          <ArrayFieldItemButtonsTemplate {...buttonsProps} />
        </Group>
      ) : null}
    </Box>
  );
}

/** "Xóa dòng" in words and in a red that meets contrast, instead of a small red ×. */
function RemoveButton({ onClick, disabled, registry, id, className }: IconButtonProps) {
  const locale = (registry.formContext as { locale?: FormLocale } | undefined)?.locale ?? 'vi';
  return (
    <Button id={id} className={className} variant="subtle" color="red" c="red.9" size="compact-sm" onClick={onClick} disabled={disabled}>
      {locale === 'en' ? 'Remove row' : 'Xóa dòng'}
    </Button>
  );
}

export const formTemplates: Partial<TemplatesType> = {
  TitleFieldTemplate: TitleField,
  ArrayFieldTitleTemplate: ArrayFieldTitle,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  FieldErrorTemplate,
  ButtonTemplates: { ...MantineTemplates.ButtonTemplates!, RemoveButton } as TemplatesType['ButtonTemplates'],
};
