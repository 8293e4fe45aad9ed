import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/decorators';
import { ApiProblems } from '../../platform/http/api-problems.decorator';
import { AuditService } from './audit.service';
import { AuditPage, AuditQuery } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles('admin', 'staff')
@ApiProblems(400, 401, 403)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The trail of changes in your cluster, newest first (staff; admins see all).' })
  @ApiResponse({ status: 200, type: AuditPage })
  list(@CurrentActor() actor: Actor, @Query() query: AuditQuery): Promise<AuditPage> {
    return this.audit.list(actor, query);
  }
}
