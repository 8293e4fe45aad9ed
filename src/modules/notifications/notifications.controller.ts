import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/decorators';
import { ApiProblems, ProblemCodes } from '../../platform/http/api-problems.decorator';
import { ValidationFailedError } from '../../platform/http/domain-error';
import { PageQuery } from '../../platform/http/pagination';
import { uuidParam } from '../../platform/http/validation';
import { NOTIFICATION_CATEGORIES, PreferenceCategory } from './categories';
import { DeliveriesService } from './deliveries.service';
import {
  CountView,
  DeliveryPage,
  DeliveryView,
  FeedItemView,
  FeedPage,
  FeedQuery,
  PreferenceListView,
  SetPreferenceDto,
} from './dto/notification.dto';
import { FeedService } from './feed.service';
import { PreferencesService } from './preferences.service';

const categoryParam = new ParseEnumPipe(Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, c])), {
  exceptionFactory: () =>
    new ValidationFailedError([{ field: 'category', messages: [`category must be one of ${NOTIFICATION_CATEGORIES.join(', ')}`] }]),
});

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
@ApiProblems(400, 401)
export class NotificationsController {
  constructor(
    private readonly feed: FeedService,
    private readonly deliveries: DeliveriesService,
    private readonly preferences: PreferencesService,
  ) {}

  @Get('notifications')
  @ApiOperation({ summary: 'Your in-app feed, newest first, with the unread count.' })
  @ApiResponse({ status: 200, type: FeedPage })
  list(@CurrentActor() actor: Actor, @Query() query: FeedQuery): Promise<FeedPage> {
    return this.feed.list(actor, query);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark your whole feed read.' })
  @ApiResponse({ status: 200, type: CountView })
  async readAll(@CurrentActor() actor: Actor): Promise<CountView> {
    return { count: await this.feed.markAllRead(actor) };
  }

  @Get('notifications/failed')
  @Roles('admin', 'staff')
  @ApiOperation({ summary: 'Emails of your cluster that could not be delivered (parked after retries).' })
  @ApiResponse({ status: 200, type: DeliveryPage })
  @ApiProblems(403)
  failed(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<DeliveryPage> {
    return this.deliveries.failed(actor, query);
  }

  @Post('notifications/digests/run')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send the daily digests now instead of at DIGEST_HOUR_UTC (admin).' })
  @ApiResponse({ status: 202, description: 'Accepted; the digests are being sent.' })
  @ApiProblems(403)
  async runDigest(): Promise<void> {
    await this.deliveries.runDigestNow();
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications read.' })
  @ApiResponse({ status: 200, type: FeedItemView })
  @ApiProblems(404)
  @ProblemCodes('notifications.not_found')
  read(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<FeedItemView> {
    return this.feed.markRead(actor, id);
  }

  @Post('notifications/:id/resend')
  @Roles('admin', 'staff')
  @ApiOperation({ summary: 'Send a failed email again (staff of its cluster).' })
  @ApiResponse({ status: 201, type: DeliveryView })
  @ApiProblems(403, 404, 409)
  @ProblemCodes('notifications.not_found', 'notifications.not_failed')
  resend(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<DeliveryView> {
    return this.deliveries.resend(actor, id);
  }

  @Get('notification-preferences')
  @ApiOperation({ summary: 'How you receive each category by email.' })
  @ApiResponse({ status: 200, type: PreferenceListView })
  async listPreferences(@CurrentActor() actor: Actor): Promise<PreferenceListView> {
    return { items: await this.preferences.list(actor) };
  }

  @Put('notification-preferences/:category')
  @ApiOperation({ summary: 'Choose immediate, daily_digest or off for a category (security mail is always immediate).' })
  @ApiParam({ name: 'category', enum: NOTIFICATION_CATEGORIES })
  @ApiResponse({ status: 200, type: PreferenceListView })
  @ProblemCodes('notifications.always_immediate')
  async setPreference(
    @CurrentActor() actor: Actor,
    @Param('category', categoryParam) category: PreferenceCategory,
    @Body() dto: SetPreferenceDto,
  ): Promise<PreferenceListView> {
    return { items: await this.preferences.set(actor, category, dto.mode) };
  }
}
