/**
 * Companies mode of the customers sync (issue 16): `companies` is an object type of definitions and
 * records, and an account has at most one customers sync — contacts or companies, never both, since
 * both would create QuickBooks customers for the same people.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table sync_definitions drop constraint if exists sync_definitions_object_type_check;
    alter table sync_definitions add constraint sync_definitions_object_type_check check (object_type in ('contacts', 'companies', 'products', 'invoices', 'payments'));
    alter table sync_records drop constraint if exists sync_records_object_type_check;
    alter table sync_records add constraint sync_records_object_type_check check (object_type in ('contacts', 'companies', 'products', 'invoices', 'payments'));
    create unique index if not exists sync_definitions_one_customers_sync
      on sync_definitions (portal_id) where object_type in ('contacts', 'companies') and status <> 'deleted';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index if exists sync_definitions_one_customers_sync;
    delete from sync_records where object_type = 'companies';
    delete from sync_definitions where object_type = 'companies';
    alter table sync_records drop constraint if exists sync_records_object_type_check;
    alter table sync_records add constraint sync_records_object_type_check check (object_type in ('contacts', 'products', 'invoices', 'payments'));
    alter table sync_definitions drop constraint if exists sync_definitions_object_type_check;
    alter table sync_definitions add constraint sync_definitions_object_type_check check (object_type in ('contacts', 'products', 'invoices', 'payments'));
  `);
}
