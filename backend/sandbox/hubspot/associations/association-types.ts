/**
 * HUBSPOT_DEFINED association types between the object types we serve. Ids from the official client's
 * AssociationTypes enum (contact↔company 1/2 primary, 279/280 unlabeled, deals 3–6, 19/20, 341/342);
 * invoice and payment ids as seen in public integrations (177/179/175/409/541 and inverses; UNCONFIRMED
 * by HubSpot docs — the app should look them up through the labels endpoint, as the reference advises).
 * Payment ↔ deal: HubSpot associates commerce payments with deals (payments on the deal record); its
 * type ids are not published at all, so 791/792 here are placeholders our app never relies on (it uses
 * the default-association endpoint).
 */
import type { ObjectType } from '../objects/object-types.ts';

export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';

export interface AssociationTypeDef {
  from: ObjectType;
  to: ObjectType;
  typeId: number;
  category: AssociationCategory;
  /** null = the unlabeled (default) association. */
  label: string | null;
  inverseTypeId: number;
  /** v3 name used in `associations` of a v3 object read, e.g. contact_to_company_unlabeled. */
  name: string;
}

type Row = [from: ObjectType, to: ObjectType, unlabeled: number, inverse: number, primary?: [number, number]];

const ROWS: Row[] = [
  ['contacts', 'companies', 279, 280, [1, 2]],
  ['deals', 'contacts', 3, 4],
  ['deals', 'companies', 341, 342, [5, 6]],
  ['deals', 'line_items', 19, 20],
  ['invoices', 'contacts', 177, 178],
  ['invoices', 'companies', 179, 180],
  ['invoices', 'deals', 175, 176],
  ['invoices', 'line_items', 409, 410],
  ['invoices', 'commerce_payments', 541, 542],
  ['line_items', 'commerce_payments', 396, 395],
  ['commerce_payments', 'deals', 791, 792],
];

const SINGULAR: Record<ObjectType, string> = {
  contacts: 'contact', companies: 'company', deals: 'deal', products: 'product', line_items: 'line_item',
  invoices: 'invoice', commerce_payments: 'commerce_payment',
};

function buildBuiltIns(): AssociationTypeDef[] {
  const defs: AssociationTypeDef[] = [];
  const add = (from: ObjectType, to: ObjectType, typeId: number, inverseTypeId: number, label: string | null): void => {
    const base = `${SINGULAR[from]}_to_${SINGULAR[to]}`;
    // HubSpot names the primary pair `contact_to_company` and the plain one `…_unlabeled` where both exist.
    const name = label === 'Primary' ? base : defsHavePrimary(from, to) ? `${base}_unlabeled` : base;
    defs.push({ from, to, typeId, inverseTypeId, label, category: 'HUBSPOT_DEFINED', name });
  };
  const defsHavePrimary = (from: ObjectType, to: ObjectType): boolean =>
    ROWS.some(([a, b, , , p]) => p !== undefined && ((a === from && b === to) || (a === to && b === from)));
  for (const [from, to, unlabeled, inverse, primary] of ROWS) {
    add(from, to, unlabeled, inverse, null);
    add(to, from, inverse, unlabeled, null);
    if (primary) {
      add(from, to, primary[0], primary[1], 'Primary');
      add(to, from, primary[1], primary[0], 'Primary');
    }
  }
  return defs;
}

export const BUILT_IN_ASSOCIATION_TYPES: readonly AssociationTypeDef[] = buildBuiltIns();

/** The unlabeled type used by the "default" association endpoints, if the pair can be associated. */
export function defaultTypeFor(from: ObjectType, to: ObjectType): AssociationTypeDef | undefined {
  return BUILT_IN_ASSOCIATION_TYPES.find((d) => d.from === from && d.to === to && d.label === null);
}

export function primaryTypeFor(from: ObjectType, to: ObjectType): AssociationTypeDef | undefined {
  return BUILT_IN_ASSOCIATION_TYPES.find((d) => d.from === from && d.to === to && d.label === 'Primary');
}
