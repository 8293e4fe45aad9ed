import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../platform/auth/actor';
import { CurrentActor, Roles } from '../../../platform/auth/decorators';
import { ApiProblems, ProblemCodes } from '../../../platform/http/api-problems.decorator';
import { uuidParam } from '../../../platform/http/validation';
import { CatalogueService } from './catalogue.service';
import {
  CatalogueQuery,
  ChannelPage,
  ChannelView,
  CreateChannelDto,
  CreateProductDto,
  ProductPage,
  ProductView,
  UpdateChannelDto,
  UpdateProductDto,
} from './dto/catalogue.dto';

@ApiTags('channel sharing: products')
@ApiBearerAuth()
@Controller('products')
@Roles('admin', 'staff', 'member')
@ApiProblems(400, 401, 403)
export class ProductsController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOperation({ summary: 'Products of your organisations (staff: of your cluster).' })
  @ApiResponse({ status: 200, type: ProductPage })
  list(@CurrentActor() actor: Actor, @Query() query: CatalogueQuery): Promise<ProductPage> {
    return this.catalogue.listProducts(actor, query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a product of an organisation you act for.' })
  @ApiResponse({ status: 201, type: ProductView })
  @ApiProblems(404)
  @ProblemCodes('directory.organisation_not_found', 'channel_sharing.not_your_catalogue')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProductDto): Promise<ProductView> {
    return this.catalogue.createProduct(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One product.' })
  @ApiResponse({ status: 200, type: ProductView })
  @ApiProblems(404)
  @ProblemCodes('channel_sharing.product_not_found')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<ProductView> {
    return this.catalogue.getProduct(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a product (its organisation\'s members); its matches are refreshed.' })
  @ApiResponse({ status: 200, type: ProductView })
  @ApiProblems(404)
  @ProblemCodes('channel_sharing.product_not_found', 'channel_sharing.not_your_catalogue')
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: UpdateProductDto): Promise<ProductView> {
    return this.catalogue.updateProduct(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a product (its organisation\'s members).' })
  @ApiResponse({ status: 204, description: 'Done; no body.' })
  @ApiProblems(404)
  @ProblemCodes('channel_sharing.product_not_found', 'channel_sharing.not_your_catalogue')
  remove(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<void> {
    return this.catalogue.removeProduct(actor, id);
  }
}

@ApiTags('channel sharing: channels')
@ApiBearerAuth()
@Controller('channels')
@Roles('admin', 'staff', 'member')
@ApiProblems(400, 401, 403)
export class ChannelsController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOperation({ summary: 'Sales channels of your organisations (staff: of your cluster).' })
  @ApiResponse({ status: 200, type: ChannelPage })
  list(@CurrentActor() actor: Actor, @Query() query: CatalogueQuery): Promise<ChannelPage> {
    return this.catalogue.listChannels(actor, query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a sales channel of an organisation you act for, with the capacity it can share.' })
  @ApiResponse({ status: 201, type: ChannelView })
  @ApiProblems(404)
  @ProblemCodes('directory.organisation_not_found', 'channel_sharing.not_your_catalogue')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateChannelDto): Promise<ChannelView> {
    return this.catalogue.createChannel(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One channel.' })
  @ApiResponse({ status: 200, type: ChannelView })
  @ApiProblems(404)
  @ProblemCodes('channel_sharing.channel_not_found')
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<ChannelView> {
    return this.catalogue.getChannel(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a channel (its organisation\'s members); capacity cannot drop below what is allotted.' })
  @ApiResponse({ status: 200, type: ChannelView })
  @ApiProblems(404)
  @ProblemCodes('channel_sharing.channel_not_found', 'channel_sharing.not_your_catalogue', 'channel_sharing.capacity_below_used')
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() dto: UpdateChannelDto): Promise<ChannelView> {
    return this.catalogue.updateChannel(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a channel (its organisation\'s members).' })
  @ApiResponse({ status: 204, description: 'Done; no body.' })
  @ApiProblems(404)
  @ProblemCodes('channel_sharing.channel_not_found', 'channel_sharing.not_your_catalogue')
  remove(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<void> {
    return this.catalogue.removeChannel(actor, id);
  }
}
