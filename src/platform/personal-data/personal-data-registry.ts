import { Global, Injectable, Module } from '@nestjs/common';
import { PersonalDataContributor } from './personal-data';

/**
 * Where each module's PersonalDataContributor registers itself (in its onModuleInit). The privacy
 * module checks at boot that every module of the catalogue registered, and runs them in its order.
 */
@Injectable()
export class PersonalDataRegistry {
  private readonly byModule = new Map<string, PersonalDataContributor>();

  register(contributor: PersonalDataContributor): void {
    const name = contributor.declaration.module;
    if (this.byModule.has(name)) throw new Error(`personal data of module ${name} registered twice`);
    this.byModule.set(name, contributor);
  }

  /** The contributors of these modules, in this order; a missing one is a wiring error. */
  inOrder(modules: readonly string[]): PersonalDataContributor[] {
    const missing = modules.filter((m) => !this.byModule.has(m));
    if (missing.length > 0) throw new Error(`no personal-data contributor registered for: ${missing.join(', ')}`);
    const extra = [...this.byModule.keys()].filter((m) => !modules.includes(m));
    if (extra.length > 0) throw new Error(`personal-data contributors missing from the catalogue: ${extra.join(', ')}`);
    return modules.map((m) => this.byModule.get(m)!);
  }
}

/** Global, so every module's contributor can register without importing the privacy module. */
@Global()
@Module({ providers: [PersonalDataRegistry], exports: [PersonalDataRegistry] })
export class PersonalDataModule {}
