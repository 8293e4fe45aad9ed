import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { NOTIFICATION_CATEGORIES } from '../categories';
import { DELIVERY_MODES, DeliveryMode } from '../notification-preference.entity';
import { EMAIL_STATUSES } from '../notification.entity';

export class FeedQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only unread items.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class FeedItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_CATEGORIES }) category: string;
  @ApiProperty() template: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
  @ApiProperty() createdAt: string;
}

export class FeedPage {
  @ApiProperty({ type: [FeedItemView] }) items: FeedItemView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ type: 'integer', description: 'Unread items in the whole feed.' }) unreadCount: number;
}

export class DeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() recipientEmail: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recipientUserId: string | null;
  @ApiProperty() category: string;
  @ApiProperty() template: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: EMAIL_STATUSES }) emailStatus: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty() createdAt: string;
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryView] }) items: DeliveryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PreferenceView {
  @ApiProperty({ enum: NOTIFICATION_CATEGORIES }) category: string;
  @ApiProperty({ enum: DELIVERY_MODES }) mode: DeliveryMode;
  @ApiProperty({ description: 'False for categories that are always sent at once.' }) changeable: boolean;
}

export class PreferenceListView {
  @ApiProperty({ type: [PreferenceView] }) items: PreferenceView[];
}

export class SetPreferenceDto {
  @ApiProperty({ enum: DELIVERY_MODES })
  @IsIn(DELIVERY_MODES)
  mode: DeliveryMode;
}

export class CountView {
  @ApiProperty({ type: 'integer' }) count: number;
}
