/**
 * The e-form field for an address of administrative units (`"x-address": true`, `ui:field`
 * `administrativeAddress`): the section's title, the province and commune selects, and the
 * optional detail. Stores codes plus names; free text typed before the list stays visible with a
 * prompt to choose again, and is dropped once a province is chosen.
 */
import { Stack, TextInput } from '@mantine/core';
import { getTemplate, getUiOptions, titleId, type FieldProps } from '@rjsf/utils';
import { legacyAddressText } from '../../../../../common/forms/address-shape';
import { AddressSelects, type UnitAddressValue } from '../../places/AddressSelects';
import { ID_SEPARATOR } from './form-mapping';

type AddressValue = UnitAddressValue & { detail?: string } & Record<string, unknown>;

const titleOf = (schema: FieldProps['schema'], key: string, fallback: string) => {
  const prop = schema.properties?.[key];
  return prop && typeof prop === 'object' && typeof prop.title === 'string' ? prop.title : fallback;
};

const firstError = (errorSchema: FieldProps['errorSchema'], ...keys: string[]) => {
  for (const key of keys) {
    const list = (errorSchema as Record<string, { __errors?: string[] } | undefined> | undefined)?.[key]?.__errors;
    if (list?.length) return list[0];
  }
  return undefined;
};

export function AddressField({ schema, uiSchema, formData, onChange, onBlur, fieldPathId, errorSchema, registry, required, disabled, readonly }: FieldProps<AddressValue>) {
  const value: AddressValue = formData && typeof formData === 'object' ? formData : {};
  const uiOptions = getUiOptions(uiSchema, registry.globalUiOptions);
  const TitleFieldTemplate = getTemplate('TitleFieldTemplate', registry, uiOptions);
  const id = fieldPathId.$id;
  const childUi = (key: string) => (uiSchema?.[key] ?? {}) as Record<string, unknown>;
  const readOnly = readonly || childUi('provinceCode')['ui:readonly'] === true;
  const detailReadOnly = readonly || childUi('detail')['ui:readonly'] === true;
  const title = uiOptions.title ?? schema.title;
  const change = (next: AddressValue) => onChange(next, fieldPathId.path);
  const hasDetail = !!schema.properties?.detail;

  return (
    <Stack id={id} gap="sm" mb="sm">
      {title ? <TitleFieldTemplate id={titleId(fieldPathId)} title={title} required={required} schema={schema} uiSchema={uiSchema} registry={registry} /> : null}
      <AddressSelects
        idBase={id}
        provinceLabel={titleOf(schema, 'provinceCode', 'Tỉnh, thành phố')}
        communeLabel={titleOf(schema, 'communeCode', 'Xã, phường, đặc khu')}
        value={value}
        onChange={(units) => {
          const next: AddressValue = { ...units };
          if (value.detail !== undefined) next.detail = value.detail;
          // Free text typed before the list is kept until a province is chosen.
          if (!units.provinceCode) for (const k of ['province', 'district', 'commune'] as const) if (value[k] !== undefined) next[k] = value[k];
          change(next);
        }}
        onBlur={() => onBlur(id, value)}
        provinceError={firstError(errorSchema, 'provinceCode', 'provinceName')}
        communeError={firstError(errorSchema, 'communeCode', 'communeName')}
        required={required || (schema.required ?? []).includes('provinceCode')}
        disabled={disabled}
        readOnly={readOnly}
        legacyText={legacyAddressText(value)}
      />
      {hasDetail ? (
        <TextInput
          id={`${id}${ID_SEPARATOR}detail`}
          label={titleOf(schema, 'detail', 'Địa chỉ chi tiết')}
          value={value.detail ?? ''}
          onChange={(e) => {
            const detail = e.currentTarget.value;
            const next: AddressValue = { ...value };
            if (detail) next.detail = detail;
            else delete next.detail;
            change(next);
          }}
          error={firstError(errorSchema, 'detail')}
          disabled={disabled}
          readOnly={detailReadOnly}
          maxLength={300}
        />
      ) : null}
    </Stack>
  );
}
