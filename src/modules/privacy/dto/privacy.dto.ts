import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ErasureDto {
  @ApiProperty({ description: 'Your current password, to confirm the erasure.' })
  @IsString()
  @MaxLength(128)
  password: string;
}

export class ExportAcceptedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'mailed' }) status: 'mailed';
  @ApiProperty({ description: 'Download it from this path while signed in, until expiresAt.' }) location: string;
  @ApiProperty() expiresAt: string;
}
