/** Shapes of CRM property definitions, as the properties API returns them. */

export type PropertyDataType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyDataType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  hubspotDefined: boolean;
  /** Maintained by the CRM; writes are rejected with READ_ONLY_VALUE. */
  readOnlyValue: boolean;
  calculated: boolean;
  externalOptions: boolean;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}
