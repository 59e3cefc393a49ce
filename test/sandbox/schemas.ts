/** Ajv validators for the OneRoster schemas in schemas/oneroster/. */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const BASE = 'https://sislink.dev/schemas/oneroster/';

function load(name: string): object {
  return JSON.parse(readFileSync(new URL(`../../schemas/oneroster/${name}`, import.meta.url), 'utf8')) as object;
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
// ajv-formats is CommonJS: under NodeNext its plugin is the `default` property.
addFormatsModule.default(ajv);
ajv.addSchema(load('lineitem.schema.json'));
ajv.addSchema(load('result.schema.json'));
ajv.addSchema(load('imsx-status.schema.json'));

function validator(ref: string): ValidateFunction {
  const fn = ajv.getSchema(BASE + ref);
  if (!fn) throw new Error(`schema ${ref} not found`);
  return fn;
}

export const validateLineItem = validator('lineitem.schema.json');
export const validateLineItemV11 = validator('lineitem.schema.json#/$defs/lineItemV1p1');
export const validateLineItemEnvelope = validator('lineitem.schema.json#/$defs/envelope');
export const validateResult = validator('result.schema.json');
export const validateResultV11 = validator('result.schema.json#/$defs/resultV1p1');
export const validateResultEnvelope = validator('result.schema.json#/$defs/envelope');
export const validateImsx = validator('imsx-status.schema.json');

/** Throws with ajv's messages when `value` does not validate, so a failing test says why. */
export function assertValid(validate: ValidateFunction, value: unknown): void {
  if (!validate(value)) throw new Error(`schema validation failed: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`);
}
