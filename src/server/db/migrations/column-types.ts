import { sql, type Kysely, type ColumnDataType, type Expression } from 'kysely';
import type { Dialect } from '../database.ts';

/** Column types that differ between the engines; everything else is plain schema builder. */
export type ColumnTypes = {
  instant: ColumnDataType | Expression<unknown>;
  flag: ColumnDataType;
  json: ColumnDataType;
  /** a flag's default value as each engine writes it */
  flagDefault: (value: boolean) => Expression<unknown> | number;
};

export function columnTypes(dialect: Dialect): ColumnTypes {
  return dialect === 'postgres'
    ? {
        instant: sql`timestamptz`,
        flag: 'boolean',
        json: 'text',
        flagDefault: (value) => (value ? sql`true` : sql`false`),
      }
    : { instant: 'text', flag: 'integer', json: 'text', flagDefault: (value) => (value ? 1 : 0) };
}

export type Migration = {
  up: (db: Kysely<unknown>, dialect: Dialect) => Promise<void>;
  down?: (db: Kysely<unknown>, dialect: Dialect) => Promise<void>;
};
