import { Injectable } from '@nestjs/common';
import { scopeToActor, visibleOr404 } from '../../platform/access/actor-scope';
import { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { Page, paginate } from '../../platform/http/pagination';
import { UsersService } from '../identity/users.service';
import { ClustersService } from './clusters.service';
import { directoryAccess } from './directory-access';
import { TalentNotFoundError } from './directory.errors';
import { ListTalentsQuery, TalentView, UpsertTalentProfileDto } from './dto/talent.dto';
import { TalentProfile } from './talent-profile.entity';

/** Talent profiles: the talent edits their own; staff of the home cluster read them. */
@Injectable()
export class TalentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clusters: ClustersService,
    private readonly users: UsersService,
  ) {}

  async mine(actor: Actor): Promise<TalentView> {
    const profile = await this.uow.reader.findOneBy(TalentProfile, { userId: actor.userId });
    if (!profile) throw new TalentNotFoundError();
    return (await this.views([profile]))[0];
  }

  async upsertMine(actor: Actor, dto: UpsertTalentProfileDto): Promise<TalentView> {
    const profile = await this.uow.run(async (em) => {
      await this.clusters.require(em, dto.homeClusterId);
      const existing = await em.findOneBy(TalentProfile, { userId: actor.userId });
      const saved = await em.save(TalentProfile, {
        ...(existing ?? {}),
        userId: actor.userId,
        homeClusterId: dto.homeClusterId,
        headline: dto.headline ?? null,
        skills: [...new Set(dto.skills.map((s) => s.trim()))],
        languages: [...new Set(dto.languages)],
        yearsOfExperience: dto.yearsOfExperience,
      });
      // The home cluster lives here only: it scopes what the talent sees and which staff review
      // them, and it is no staff assignment, which only an admin changes.
      return saved;
    });
    return (await this.views([profile]))[0];
  }

  async list(actor: Actor, query: ListTalentsQuery): Promise<Page<TalentView>> {
    const qb = this.uow.reader.createQueryBuilder(TalentProfile, 't');
    scopeToActor(qb, actor, { cluster: 't.home_cluster_id' });
    const page = await paginate(qb, query);
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, userId: string): Promise<TalentView> {
    const profile = visibleOr404(await this.uow.reader.findOneBy(TalentProfile, { userId }),
      (p) => directoryAccess.seesTalent(actor, p), () => new TalentNotFoundError());
    return (await this.views([profile]))[0];
  }

  private async views(profiles: TalentProfile[]): Promise<TalentView[]> {
    const users = await this.users.summaries(profiles.map((p) => p.userId));
    return profiles.map((p) => ({
      userId: p.userId,
      displayName: users.get(p.userId)?.displayName ?? '',
      homeClusterId: p.homeClusterId,
      headline: p.headline,
      skills: p.skills,
      languages: p.languages,
      yearsOfExperience: p.yearsOfExperience,
      updatedAt: p.updatedAt.toISOString(),
    }));
  }
}
