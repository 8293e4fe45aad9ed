import { OrganisationProfile } from './organisation-profiles.service';

/**
 * What one party of a two-sided match sees of the other. Channel matches, R&D matches and brand
 * club supplier matches all hide the counterpart the same way until both sides said yes: its
 * kind, region, country and size band, never its name, id, website or contacts.
 */
export type Disclosure = 'anonymous' | 'named' | 'named_with_contacts';

export interface CounterpartView {
  organisationId: string | null;
  name: string | null;
  kind: string;
  region: string | null;
  country: string;
  size: string;
  website: string | null;
  contacts: { name: string; email: string }[] | null;
}

export type SizeClass = 'micro' | 'small' | 'medium' | 'large';

/** The EU size class of an organisation from its employee count. */
export function sizeClass(employees: number): SizeClass {
  if (employees < 10) return 'micro';
  if (employees < 50) return 'small';
  if (employees < 250) return 'medium';
  return 'large';
}

const SIZE_BANDS: Record<SizeClass, string> = {
  micro: 'micro (1–9 employees)',
  small: 'small (10–49 employees)',
  medium: 'medium (50–249 employees)',
  large: 'large (250+ employees)',
};

/** The size class with its employee range, as a counterpart is described. */
export function sizeBand(employees: number): string {
  return SIZE_BANDS[sizeClass(employees)];
}

/** How an anonymous counterpart is described in mails: "a small sme in Skåne, SE". */
export function anonymousDescription(profile: Pick<OrganisationProfile, 'kind' | 'region' | 'country' | 'employeeCount'>): string {
  const where = profile.region ? `${profile.region}, ${profile.country}` : profile.country;
  return `a ${sizeClass(profile.employeeCount)} ${profile.kind.replace(/_/g, ' ')} in ${where}`;
}

export function counterpartView(
  profile: OrganisationProfile,
  disclosure: Disclosure,
  contacts: { name: string; email: string }[] = [],
): CounterpartView {
  const named = disclosure !== 'anonymous';
  return {
    organisationId: named ? profile.id : null,
    name: named ? profile.name : null,
    kind: profile.kind,
    region: profile.region,
    country: profile.country,
    size: sizeBand(profile.employeeCount),
    website: named ? profile.website : null,
    contacts: disclosure === 'named_with_contacts' ? contacts : null,
  };
}
