import type { OrganisationKind } from '../modules/directory/organisation.entity';
import type { OrganisationRole, Role } from '../platform/auth/actor';

/** The demo world `npm start` loads: real clusters, real NAICS codes, one user per role. */
export const DEMO_PASSWORD = 'clusterlink-demo';

export interface DemoCluster {
  key: string;
  name: string;
  country: string;
  description: string;
  regions: string[];
}

export const DEMO_CLUSTERS: DemoCluster[] = [
  {
    key: 'mva',
    name: 'Medicon Valley Alliance',
    country: 'DK',
    description: 'Life-science cluster of the Greater Copenhagen region and Skåne.',
    regions: ['Capital Region of Denmark', 'Region Zealand', 'Skåne'],
  },
  {
    key: 'boston',
    name: 'Boston Life Sciences Cluster',
    country: 'US',
    description: 'Biotech and medtech around Boston and Cambridge, Massachusetts.',
    regions: ['Boston', 'Cambridge'],
  },
  {
    key: 'fcc',
    name: 'Finnish Cleantech Cluster',
    country: 'FI',
    description: 'Cleantech companies and research in four Finnish regions.',
    regions: ['Kuopio', 'Lahti', 'Oulu', 'Uusimaa'],
  },
];

export const DEMO_PARTNERS: [string, string][] = [['mva', 'boston']];

export interface DemoOrganisation {
  cluster: string;
  region: string;
  name: string;
  kind: OrganisationKind;
  naics: string[];
  country: string;
  employees: number;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { cluster: 'mva', region: 'Capital Region of Denmark', name: 'Øresund Biologics ApS', kind: 'sme', naics: ['325414'], country: 'DK', employees: 38 },
  { cluster: 'mva', region: 'Skåne', name: 'Scandinavian MedTech Distribution AB', kind: 'sme', naics: ['423450'], country: 'SE', employees: 22 },
  { cluster: 'mva', region: 'Region Zealand', name: 'Zealand Surgical Instruments ApS', kind: 'sme', naics: ['339112'], country: 'DK', employees: 64 },
  { cluster: 'mva', region: 'Capital Region of Denmark', name: 'Nordic Pharma Group A/S', kind: 'leading_enterprise', naics: ['325412'], country: 'DK', employees: 4200 },
  { cluster: 'mva', region: 'Skåne', name: 'Lund Institute of Molecular Medicine', kind: 'research_institute', naics: ['541714'], country: 'SE', employees: 310 },
  { cluster: 'mva', region: 'Capital Region of Denmark', name: 'Copenhagen University Health Sciences', kind: 'university', naics: ['611310'], country: 'DK', employees: 5200 },
  { cluster: 'mva', region: 'Capital Region of Denmark', name: 'Capital Region Health Innovation Office', kind: 'government_agency', naics: ['923120'], country: 'DK', employees: 45 },
  { cluster: 'mva', region: 'Skåne', name: 'Øresund Life Science Ventures', kind: 'financial_institution', naics: ['523920'], country: 'SE', employees: 18 },
  { cluster: 'mva', region: 'Capital Region of Denmark', name: 'Medicon Valley Life Science Association', kind: 'intermediary', naics: ['813910'], country: 'DK', employees: 12 },
  { cluster: 'boston', region: 'Cambridge', name: 'Kendall Square Therapeutics Inc.', kind: 'leading_enterprise', naics: ['325412'], country: 'US', employees: 1800 },
  { cluster: 'boston', region: 'Boston', name: 'Harbor Diagnostics LLC', kind: 'sme', naics: ['621511'], country: 'US', employees: 75 },
  { cluster: 'fcc', region: 'Lahti', name: 'Lahti Circular Plastics Oy', kind: 'sme', naics: ['326199'], country: 'FI', employees: 48 },
  { cluster: 'fcc', region: 'Oulu', name: 'Oulu Water Technologies Oy', kind: 'sme', naics: ['333318'], country: 'FI', employees: 31 },
  { cluster: 'fcc', region: 'Kuopio', name: 'Savo Process Instruments Oy', kind: 'sme', naics: ['334513'], country: 'FI', employees: 57 },
  { cluster: 'fcc', region: 'Uusimaa', name: 'Uusimaa Grid Systems Oyj', kind: 'leading_enterprise', naics: ['335311'], country: 'FI', employees: 2600 },
  { cluster: 'fcc', region: 'Uusimaa', name: 'Espoo Institute for Energy Research', kind: 'research_institute', naics: ['541715'], country: 'FI', employees: 420 },
  { cluster: 'fcc', region: 'Oulu', name: 'University of Oulu Environmental Engineering', kind: 'university', naics: ['611310'], country: 'FI', employees: 900 },
  { cluster: 'fcc', region: 'Lahti', name: 'Päijät-Häme Regional Council', kind: 'government_agency', naics: ['926110'], country: 'FI', employees: 60 },
  { cluster: 'fcc', region: 'Uusimaa', name: 'Nordic Cleantech Capital Oy', kind: 'financial_institution', naics: ['523920'], country: 'FI', employees: 15 },
  { cluster: 'fcc', region: 'Lahti', name: 'Lahti Region Development LADEC', kind: 'intermediary', naics: ['541611'], country: 'FI', employees: 40 },
];

export interface DemoUser {
  email: string;
  displayName: string;
  roles: Role[];
  /** Cluster key for staff (their cluster) and talents (home cluster). */
  cluster?: string;
  organisation?: { name: string; role: OrganisationRole };
  talent?: { headline: string; skills: string[]; languages: string[]; years: number };
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@clusterlink.demo', displayName: 'Clusterlink Admin', roles: ['admin'] },
  { email: 'staff@medicon.demo', displayName: 'Mette Staff (Medicon Valley)', roles: ['staff'], cluster: 'mva' },
  { email: 'staff@cleantech.demo', displayName: 'Aino Staff (Finnish Cleantech)', roles: ['staff'], cluster: 'fcc' },
  {
    email: 'owner@oresund-biologics.demo', displayName: 'Sofie Owner (Øresund Biologics)', roles: ['member'],
    organisation: { name: 'Øresund Biologics ApS', role: 'owner' },
  },
  {
    email: 'lead@nordic-pharma.demo', displayName: 'Henrik Lead (Nordic Pharma)', roles: ['member'],
    organisation: { name: 'Nordic Pharma Group A/S', role: 'owner' },
  },
  {
    email: 'owner@lahti-plastics.demo', displayName: 'Juha Owner (Lahti Circular Plastics)', roles: ['member'],
    organisation: { name: 'Lahti Circular Plastics Oy', role: 'owner' },
  },
  // Hosts: members of organisations whose channels carry other members' products.
  {
    email: 'owner@oulu-water.demo', displayName: 'Eero Owner (Oulu Water Technologies)', roles: ['member'],
    organisation: { name: 'Oulu Water Technologies Oy', role: 'owner' },
  },
  {
    email: 'owner@scandinavian-medtech.demo', displayName: 'Karin Owner (Scandinavian MedTech)', roles: ['member'],
    organisation: { name: 'Scandinavian MedTech Distribution AB', role: 'owner' },
  },
  {
    email: 'talent@medicon.demo', displayName: 'Lars Talent', roles: ['talent'], cluster: 'mva',
    talent: { headline: 'Bioprocess engineer, biologics scale-up', skills: ['bioprocess', 'GMP', 'downstream purification'], languages: ['da', 'en', 'sv'], years: 6 },
  },
];

export interface DemoProduct {
  organisation: string;
  name: string;
  category: string;
  grade: number;
  segments: string[];
  markets: string[];
  priceBand?: 'low' | 'mid' | 'high';
}

/** Products of demo members: complementary across firms, so the first matching run proposes pairs. */
export const DEMO_PRODUCTS: DemoProduct[] = [
  { organisation: 'Lahti Circular Plastics Oy', name: 'Recycled HDPE pipe fittings', category: '326199', grade: 2, segments: ['utilities', 'construction'], markets: ['FI', 'SE', 'EE'], priceBand: 'low' },
  { organisation: 'Lahti Circular Plastics Oy', name: 'Bio-based pump housings', category: '326199', grade: 4, segments: ['utilities', 'industry'], markets: ['FI', 'DE'], priceBand: 'mid' },
  { organisation: 'Oulu Water Technologies Oy', name: 'Compact UV water treatment unit', category: '333318', grade: 4, segments: ['utilities'], markets: ['FI', 'SE', 'NO'], priceBand: 'high' },
  { organisation: 'Savo Process Instruments Oy', name: 'Inline water-quality sensor', category: '334513', grade: 3, segments: ['utilities', 'industry'], markets: ['FI', 'DE', 'SE'], priceBand: 'mid' },
  { organisation: 'Uusimaa Grid Systems Oyj', name: 'Pad-mounted distribution transformer', category: '335311', grade: 5, segments: ['utilities', 'energy'], markets: ['FI', 'SE', 'NO', 'DE'], priceBand: 'high' },
  { organisation: 'Øresund Biologics ApS', name: 'Biosimilar insulin analogue', category: '325414', grade: 3, segments: ['healthcare'], markets: ['DK', 'SE', 'NO'], priceBand: 'mid' },
  { organisation: 'Zealand Surgical Instruments ApS', name: 'Single-use laparoscopic trocars', category: '339112', grade: 3, segments: ['healthcare'], markets: ['DK', 'SE', 'DE'], priceBand: 'mid' },
  { organisation: 'Scandinavian MedTech Distribution AB', name: 'Own-brand wound-care kits', category: '339113', grade: 2, segments: ['healthcare'], markets: ['SE', 'DK', 'NO', 'FI'], priceBand: 'low' },
];

export interface DemoChannel {
  organisation: string;
  name: string;
  type: 'distributor' | 'wholesale' | 'retail_chain' | 'e_commerce' | 'export_agent' | 'field_sales' | 'trade_fair_stand';
  markets: string[];
  segments: string[];
  capacity: number;
  usedCapacity: number;
  capacityUnit: string;
  commissionPct: number;
}

/** Channels with spare capacity that the demo members could share. */
export const DEMO_CHANNELS: DemoChannel[] = [
  { organisation: 'Oulu Water Technologies Oy', name: 'Nordic municipal utilities distributor network', type: 'distributor', markets: ['FI', 'SE', 'NO'], segments: ['utilities'], capacity: 120, usedCapacity: 70, capacityUnit: 'pallets/month', commissionPct: 12 },
  { organisation: 'Savo Process Instruments Oy', name: 'DACH export agent', type: 'export_agent', markets: ['DE', 'AT', 'CH'], segments: ['industry', 'utilities'], capacity: 40, usedCapacity: 15, capacityUnit: 'orders/quarter', commissionPct: 15 },
  { organisation: 'Uusimaa Grid Systems Oyj', name: 'Utility field sales team', type: 'field_sales', markets: ['FI', 'SE'], segments: ['utilities', 'energy'], capacity: 60, usedCapacity: 50, capacityUnit: 'customer visits/month', commissionPct: 8 },
  { organisation: 'Scandinavian MedTech Distribution AB', name: 'Hospital procurement wholesale', type: 'wholesale', markets: ['SE', 'DK', 'NO', 'FI'], segments: ['healthcare'], capacity: 200, usedCapacity: 120, capacityUnit: 'SKUs', commissionPct: 18 },
];

/** Staff-curated complementarity (besides what the taxonomy seeds): which industries sell together. */
export const DEMO_RULES: { cluster: string; categoryA: string; categoryB: string; weight: number }[] = [
  { cluster: 'fcc', categoryA: '326199', categoryB: '333318', weight: 0.8 },
  { cluster: 'fcc', categoryA: '333318', categoryB: '334513', weight: 0.75 },
  { cluster: 'fcc', categoryA: '326199', categoryB: '334513', weight: 0.4 },
  { cluster: 'fcc', categoryA: '334513', categoryB: '335311', weight: 0.6 },
  { cluster: 'mva', categoryA: '339112', categoryB: '339113', weight: 0.7 },
  { cluster: 'mva', categoryA: '325414', categoryB: '339113', weight: 0.35 },
];
