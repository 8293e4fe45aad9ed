import { DefaultNamingStrategy, NamingStrategyInterface } from 'typeorm';

// typeorm-naming-strategies declares typeorm ^0.3 as its peer; on typeorm 1.x we keep the three
// overrides it would give us here (see docs/adr/0002-platform-choices.md).
const snake = (s: string): string =>
  s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();

/** Columns and join columns in snake_case, so SQL reads the way PostgreSQL people write it. */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snake(prefixes.concat(customName ?? propertyName).join('_'));
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }

  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snake(`${tableName}_${columnName ?? propertyName}`);
  }
}
