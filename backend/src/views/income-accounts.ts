/**
 * The connected company's active income accounts (id + full name, by name), read live from QuickBooks so
 * an account added there a minute ago is offered. One query page covers any real chart of accounts.
 */
import type { AppContext } from '../jobs/context.ts';
import { getQboConnection } from '../db/qbo-connections.ts';
import { httpErrors } from '../http/errors.ts';
import { qboSyncClientFor } from '../vendors/quickbooks/client-for.ts';
import { qboString } from '../vendors/quickbooks/query.ts';
import type { IncomeAccount, IncomeAccountsResponse } from '@quickbooks-sync/contract';

export async function incomeAccounts(ctx: AppContext, portalId: number): Promise<IncomeAccountsResponse> {
  const connection = await getQboConnection(ctx.db, portalId);
  if (connection?.status !== 'connected') throw httpErrors.conflict('Connect QuickBooks first: its income accounts are read from the company.', { reason: 'qbo_not_connected' });
  const qbo = await qboSyncClientFor(ctx, portalId);
  const accounts: IncomeAccount[] = [];
  for await (const page of qbo.queryAll('Account', `AccountType = ${qboString('Income')}`)) {
    for (const account of page.records) {
      // QuickBooks leaves inactive accounts out of a query unless asked; checked again since a sale cannot post to one.
      if (account.Active === false) continue;
      const name = typeof account.FullyQualifiedName === 'string' ? account.FullyQualifiedName : typeof account.Name === 'string' ? account.Name : account.Id;
      accounts.push({ id: account.Id, name });
    }
  }
  accounts.sort((a, b) => a.name.localeCompare(b.name));
  return { accounts };
}
