/**
 * Item (Products and Services): Name unique, IncomeAccountRef required for sellable types, Inventory
 * needs asset/COGS accounts and quantity tracking, never deleted (Active=false instead).
 */
import { z } from 'zod';
import { faults } from '../core/fault.ts';
import type { Company } from '../state/company.ts';
import type { QboEntity, Ref } from '../state/types.ts';
import { checkName, pick, refTo, resolveRef, stamp } from './common.ts';
import { bool, envelopeFields, num, readOnly, refSchema, str } from './schema-kit.ts';

const ITEM_TYPES = ['Inventory', 'NonInventory', 'Service', 'Group', 'Category', 'Bundle'] as const;

export const itemSchema = z.strictObject({
  ...envelopeFields,
  Name: str.optional(),
  Sku: str.optional(),
  Description: str.optional(),
  PurchaseDesc: str.optional(),
  Active: bool.optional(),
  Taxable: bool.optional(),
  SalesTaxIncluded: bool.optional(),
  UnitPrice: num.optional(),
  PurchaseCost: num.optional(),
  Type: z.enum(ITEM_TYPES).optional(),
  IncomeAccountRef: refSchema.optional(),
  ExpenseAccountRef: refSchema.optional(),
  AssetAccountRef: refSchema.optional(),
  SalesTaxCodeRef: refSchema.optional(),
  ParentRef: refSchema.optional(),
  SubItem: bool.optional(),
  TrackQtyOnHand: bool.optional(),
  QtyOnHand: num.optional(),
  InvStartDate: str.optional(),
  FullyQualifiedName: readOnly,
  Level: readOnly,
});

const WRITABLE = ['Sku', 'Description', 'PurchaseDesc', 'SalesTaxCodeRef', 'ParentRef', 'InvStartDate'] as const;
const MAX_NAME = 100;

function optionalAccount(company: Company, input: Record<string, unknown>, field: string): Ref | undefined {
  const ref = input[field] as Ref | undefined;
  return ref ? refTo(resolveRef(company, 'Account', ref, field)) : undefined;
}

export function buildItem(company: Company, input: Record<string, unknown>, existing?: QboEntity): QboEntity {
  const name = typeof input.Name === 'string' ? input.Name.trim() : '';
  if (name === '') throw faults.requiredParam('Name');
  checkName(name, 'Name');
  if (name.length > MAX_NAME) throw faults.businessValidation(`Name exceeds ${MAX_NAME} characters.`);
  const holder = company.idByName('Item', name);
  if (holder !== undefined && holder !== existing?.Id) throw faults.duplicateName('product or service');
  if (typeof input.Sku === 'string' && input.Sku.length > 100) throw faults.businessValidation('Sku exceeds 100 characters.');

  const type = (input.Type as string | undefined) ?? (existing?.Type as string | undefined) ?? 'Service';
  const income = optionalAccount(company, input, 'IncomeAccountRef');
  if (!income && ['Inventory', 'NonInventory', 'Service'].includes(type)) throw faults.requiredParam('IncomeAccountRef');
  const expense = optionalAccount(company, input, 'ExpenseAccountRef');
  const asset = optionalAccount(company, input, 'AssetAccountRef');
  const tracksQty = input.TrackQtyOnHand === true;
  if (existing?.TrackQtyOnHand === true && !tracksQty) throw faults.businessValidation('TrackQtyOnHand cannot be turned off once on.');
  if (type === 'Inventory') {
    if (!asset) throw faults.requiredParam('AssetAccountRef');
    if (!expense) throw faults.requiredParam('ExpenseAccountRef');
    if (!tracksQty) throw faults.businessValidation('Inventory items must have TrackQtyOnHand=true.');
    if (input.QtyOnHand === undefined) throw faults.requiredParam('QtyOnHand');
    if (input.InvStartDate === undefined) throw faults.requiredParam('InvStartDate');
  }
  const us = company.settings.country === 'US';
  // A product's default sales tax code must be one of the company's codes (2500 / 610 like any reference).
  const taxCode = input.SalesTaxCodeRef as Ref | undefined;
  if (taxCode) resolveRef(company, 'TaxCode', taxCode, 'SalesTaxCodeRef');
  return {
    ...stamp(company, 'Item', existing),
    ...pick(input, WRITABLE),
    Name: name,
    FullyQualifiedName: name,
    Active: input.Active !== false,
    ...(us ? { Taxable: input.Taxable === true } : {}),
    SalesTaxIncluded: input.SalesTaxIncluded === true,
    UnitPrice: (input.UnitPrice) ?? 0,
    Type: type,
    ...(income ? { IncomeAccountRef: income } : {}),
    ...(expense ? { ExpenseAccountRef: expense } : {}),
    ...(asset ? { AssetAccountRef: asset } : {}),
    PurchaseCost: (input.PurchaseCost) ?? 0,
    TrackQtyOnHand: tracksQty,
    ...(tracksQty ? { QtyOnHand: (input.QtyOnHand) ?? 0 } : {}),
  };
}
