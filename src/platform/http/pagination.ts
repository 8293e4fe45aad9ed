import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { selectEntities } from '../database/lean-select';
import { ValidationFailedError } from './domain-error';

export class PageQuery {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s `nextCursor`.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface CursorKey {
  t: string;
  id: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function roundTrips(instant: string): boolean {
  const date = new Date(instant);
  return !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1 && date.toISOString() === instant;
}

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorKey;
    // Exactly what encodeCursor writes, so a forged one is a 400 here, never a database error.
    // (A date that does not exist, such as 30 February, does not survive the round trip.)
    if (typeof key.t === 'string' && ISO_INSTANT.test(key.t) && roundTrips(key.t) && typeof key.id === 'string' && UUID.test(key.id)) {
      return key;
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationFailedError([{ field: 'cursor', messages: ['cursor is not a cursor this API issued'] }]);
}

/** The uuid that breaks ties between rows created in the same millisecond: `id`, or another for tables keyed otherwise. */
export interface TieBreaker<T> {
  property: keyof T & string;
  column: string;
}

/**
 * Keyset pagination, newest first, on (created_at, id): stable under inserts and O(limit) at any
 * depth, unlike OFFSET. The cursor is opaque to clients (base64url JSON). The page is read with
 * selectEntities: a named prepared statement whose SQL is kept per query shape.
 */
export async function paginate<T extends ObjectLiteral & { createdAt: Date }>(
  qb: SelectQueryBuilder<T>,
  query: PageQuery,
  tie = { property: 'id', column: 'id' } as TieBreaker<T>,
): Promise<Page<T>> {
  const alias = qb.alias;
  const limit = query.limit ?? 20;
  if (query.cursor) {
    const key = decodeCursor(query.cursor);
    qb.andWhere(`(${alias}.created_at, ${alias}.${tie.column}) < (:cursorT, :cursorId)`, {
      cursorT: key.t,
      cursorId: key.id,
    });
  }
  const rows = await selectEntities(qb
    .orderBy(`${alias}.createdAt`, 'DESC')
    .addOrderBy(`${alias}.${tie.property}`, 'DESC')
    .limit(limit + 1));
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: String(last[tie.property]) }) : null;
  return { items, nextCursor };
}
