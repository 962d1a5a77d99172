/** Field mappings: mappings/*.yaml loaded and validated, checked against describe, applied to rows. */
export { CANONICAL_FIELDS, SYSTEM_SOURCE_FIELDS, VALUE_TYPES, type CanonicalField, type ValueType } from './canonical-fields.ts';
export { checkMappingAgainstDescribe, formatMappingProblem, type MappingProblem, type MappingProblemCode } from './check-mapping.ts';
export { loadMappings, mappingInvalidError, parseMappingText, type ParsedMappingFile } from './load-mappings.ts';
export { MappingFileSchema, type MappingFile } from './mapping.schema.ts';
export { compileColumnNormalizer, compileNormalizer, normalizeRow, type ColumnRowNormalizer, type NormalizeContext, type NormalizeResult, type RawRow, type RejectionCode, type RowNormalizer } from './normalize-row.ts';
export { parseObjectDescribe, type DescribeField, type ObjectDescribe, type RelatedDescribes } from './object-describe.ts';
export { formatMappingIssue, type FieldMapping, type MappingIssue, type MappingSet, type ObjectMapping, type SourceLocation } from './object-mapping.ts';
export { flattenRestRecord } from './rest-row.ts';
export { soqlFieldList } from './soql-fields.ts';
export { toDomain, TRANSFORM_NAMES, type TransformName } from './transforms.ts';
export { toId18 } from '../../domain/salesforce-id.ts';
export type { CanonicalValue, RawValue } from './value-conversion.ts';
