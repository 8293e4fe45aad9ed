import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { dataSourceOptions } from './database.config';
import { DatabaseRoleCheck } from './database-role.check';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), autoLoadEntities: false }),
    }),
  ],
  providers: [UnitOfWork, DatabaseRoleCheck],
  exports: [UnitOfWork],
})
export class DatabaseModule {}
