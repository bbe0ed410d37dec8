/**
 * What a fresh QBO company contains: a chart of accounts the sync's items can point at, tax codes,
 * Preferences and CompanyInfo. US companies use Automated Sales Tax; non-US ones the global tax model
 * (tax codes and rates per country: ./tax-tables.ts).
 */
import type { Company } from './company.ts';
import type { CompanyPreferencesInput, QboEntity } from './types.ts';
import { seedGlobalTaxCodes, seedUsTaxCodes } from './tax-tables.ts';

const COUNTRY_NAMES: Record<string, string> = { US: 'United States', CA: 'Canada', GB: 'United Kingdom', AU: 'Australia' };

function base(company: Company, id: string): QboEntity {
  const now = company.now();
  return { Id: id, SyncToken: '0', MetaData: { CreateTime: now, LastUpdatedTime: now }, domain: 'QBO', sparse: false };
}

const DEFAULT_ACCOUNTS: Array<[name: string, type: string, subType: string, classification: string]> = [
  ['Sales of Product Income', 'Income', 'SalesOfProductIncome', 'Revenue'],
  ['Services', 'Income', 'ServiceFeeIncome', 'Revenue'],
  ['Uncategorized Income', 'Income', 'OtherPrimaryIncome', 'Revenue'],
  ['Undeposited Funds', 'Other Current Asset', 'UndepositedFunds', 'Asset'],
  ['Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable', 'Asset'],
  ['Inventory Asset', 'Other Current Asset', 'Inventory', 'Asset'],
  ['Cost of Goods Sold', 'Cost of Goods Sold', 'SuppliesMaterialsCogs', 'Expense'],
  ['Checking', 'Bank', 'Checking', 'Asset'],
];

export function seedDefaults(company: Company, prefs: CompanyPreferencesInput): void {
  const { settings } = company;
  for (const [name, type, subType, classification] of DEFAULT_ACCOUNTS) {
    const id = company.allocateId('Account');
    company.put('Account', {
      ...base(company, id),
      Name: name,
      SubAccount: false,
      FullyQualifiedName: name,
      Active: true,
      Classification: classification,
      AccountType: type,
      AccountSubType: subType,
      CurrentBalance: 0,
      CurrentBalanceWithSubAccounts: 0,
      CurrencyRef: { value: settings.homeCurrency, name: settings.homeCurrency },
    });
  }
  if (settings.country === 'US') seedUsTaxCodes(company);
  else seedGlobalTaxCodes(company);
  company.put('Preferences', buildPreferences(company, prefs));
  company.put('CompanyInfo', buildCompanyInfo(company));
}

function boolField(name: string, value: boolean): Record<string, unknown> {
  return { Name: name, Type: 'BooleanType', BooleanValue: value };
}

export function buildPreferences(company: Company, prefs: CompanyPreferencesInput): QboEntity {
  const { settings } = company;
  const us = settings.country === 'US';
  const names = prefs.customFields ?? [];
  const slots = [1, 2, 3];
  return {
    ...base(company, '1'),
    AccountingInfoPrefs: {
      TrackDepartments: false,
      ClassTrackingPerTxn: false,
      CustomerTerminology: 'Customers',
      ...(prefs.bookCloseDate ? { BookCloseDate: prefs.bookCloseDate } : {}),
    },
    ProductAndServicesPrefs: { ForSales: true, ForPurchase: true, QuantityWithPriceAndRate: true, QuantityOnHand: true },
    SalesFormsPrefs: {
      CustomField: [
        { CustomField: slots.map((n) => boolField(`SalesFormsPrefs.UseSalesCustom${n}`, names[n - 1] !== undefined)) },
        {
          CustomField: slots.flatMap((n) =>
            names[n - 1] !== undefined ? [{ Name: `SalesFormsPrefs.SalesCustomName${n}`, Type: 'StringType', StringValue: names[n - 1] }] : [],
          ),
        },
      ],
      CustomTxnNumbers: prefs.customTxnNumbers ?? false,
      AllowDeposit: false,
      AllowDiscount: true,
      AllowEstimates: true,
      AllowServiceDate: false,
      AllowShipping: false,
      AutoApplyCredit: true,
      ETransactionEnabledStatus: 'NotApplicable',
      IPNSupportEnabled: false,
    },
    EmailMessagesPrefs: {},
    VendorAndPurchasesPrefs: { TrackingByCustomer: true, BillableExpenseTracking: true },
    TimeTrackingPrefs: { UseServices: true, BillCustomers: true, ShowBillRateToAll: false, WorkWeekStartDate: 'Monday' },
    TaxPrefs: us ? { UsingSalesTax: true, PartnerTaxEnabled: prefs.automatedSalesTax !== false } : { UsingSalesTax: true },
    CurrencyPrefs: { MultiCurrencyEnabled: settings.multiCurrency, HomeCurrency: { value: settings.homeCurrency } },
    ReportPrefs: { ReportBasis: 'Accrual', CalcAgingReportFromTxnDate: false },
    OtherPrefs: {
      NameValue: [
        { Name: 'SalesFormsPrefs.DefaultCustomerMessage', Value: 'Thank you for your business.' },
        { Name: 'UncategorizedIncomeAccountId', Value: '3' },
        { Name: 'UndepositedFundsAccountId', Value: '4' },
      ],
    },
  };
}

export function buildCompanyInfo(company: Company): QboEntity {
  const { settings } = company;
  const address = { Id: '1', Line1: '123 Sandbox Road', City: 'Mountain View', CountrySubDivisionCode: 'CA', PostalCode: '94043', Country: settings.country };
  return {
    ...base(company, '1'),
    CompanyName: settings.companyName,
    LegalName: settings.companyName,
    CompanyAddr: address,
    CustomerCommunicationAddr: address,
    LegalAddr: address,
    PrimaryPhone: {},
    CompanyStartDate: '2024-01-01',
    FiscalYearStartMonth: 'January',
    Country: settings.country,
    Email: { Address: 'owner@sandbox.example' },
    WebAddr: {},
    SupportedLanguages: 'en',
    DefaultTimeZone: 'America/Los_Angeles',
    NameValue: [
      { Name: 'NeoEnabled', Value: 'true' },
      { Name: 'IsQbdtMigrated', Value: 'false' },
      { Name: 'CompanyType', Value: 'Other' },
      { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
      { Name: 'PayrollFeature', Value: 'false' },
      { Name: 'ItemCategoriesFeature', Value: 'true' },
      { Name: 'AssignedTime', Value: company.now() },
    ],
  };
}

export function countryName(code: string): string {
  return COUNTRY_NAMES[code] ?? code;
}
