/**
 * Sync definitions as both sides see them: the vocabulary, the JSON body the settings API accepts, the
 * default field mappings of each object and R9's recommended settings. The backend saves these; the
 * settings page pre-fills its guided setup with the same builders, so the two never disagree.
 */
export * from './vocabulary.ts';
export * from './definition-schema.ts';
export * from './computed-fields.ts';
export * from './related-criteria.ts';
export * from './display-name-policy.ts';
export * from './deletion-options.ts';
export * from './invoice-tax.ts';
export * from './default-mappings/contacts.ts';
export * from './default-mappings/products.ts';
export * from './default-mappings/invoices.ts';
export * from './default-mappings/payments.ts';
export * from './recommended-contacts.ts';
export * from './recommended-products.ts';
export * from './recommended-invoices.ts';
export * from './recommended-payments.ts';
