import { Injectable, OnModuleInit } from '@nestjs/common';
import { PersonalDataContributor } from '../../../platform/personal-data/personal-data';
import { PersonalDataRegistry } from '../../../platform/personal-data/personal-data-registry';
import { CHANNEL_SHARING_PERSONAL_DATA } from './channel-sharing.personal-data';

/**
 * Products, channels and matches belong to organisations; members act on them by id, and the
 * contacts a match reveals are read from identity when mailed (the mail rows are notifications').
 */
@Injectable()
export class ChannelSharingPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly declaration = CHANNEL_SHARING_PERSONAL_DATA;

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(): Promise<unknown> {
    return {};
  }

  async erase(): Promise<void> {
    // Nothing personal (see the declaration).
  }
}
