/**
 * Categories of site that must have an image system: R7.1 refers to items (1)–(9) of Article
 * 14 of the Shaanxi Technical Security Prevention Regulation (annexed to the Measures); R7.2
 * lists items (2)–(6) of Article 7 itself. VOLUNTARY is a system installed where none is
 * required (Article 10); it is registered and supervised all the same.
 */
export const SITE_CATEGORIES = [
  'WEAPONS_AMMUNITION_STATE_RESERVES',
  'DANGEROUS_SUBSTANCES',
  'FINANCIAL_VAULTS_AND_PREMISES',
  'EXAMINATION_PAPERS',
  'STATE_SECRET_PREMISES',
  'CULTURAL_RELICS_MUSEUMS_ARCHIVES',
  'UTILITIES_AND_COMMUNICATIONS',
  'TRANSPORT_HUBS',
  'HOTELS_MALLS_VENUES_RESIDENTIAL',
  'ROADS_BRIDGES_TUNNELS_CHECKPOINTS',
  'PUBLIC_GATHERING_PLACES',
  'LOGISTICS_RESERVES_MARKETS',
  'WATER_WORKS',
  'COMPLEX_PUBLIC_ORDER_PLACES',
  'VOLUNTARY',
] as const;
export type SiteCategory = (typeof SITE_CATEGORIES)[number];

export interface SiteCategoryInfo {
  readonly rule: 'R7.1' | 'R7.2' | null;
  /** Where the category comes from, as cited in oversight reports. */
  readonly source: string;
  readonly mandatory: boolean;
  readonly label: string;
  readonly labelZh: string;
}

export const SITE_CATEGORY_INFO: { readonly [K in SiteCategory]: SiteCategoryInfo } = {
  WEAPONS_AMMUNITION_STATE_RESERVES: {
    rule: 'R7.1',
    source: 'Art. 7(1), Annex Art. 14(1)',
    mandatory: true,
    label: 'Weapons and ammunition production and storage sites; important state reserves',
    labelZh: '武器、弹药的生产、存放场所和国家重要物资储备场所',
  },
  DANGEROUS_SUBSTANCES: {
    rule: 'R7.1',
    source: 'Art. 7(1), Annex Art. 14(2)',
    mandatory: true,
    label:
      'Precursor chemicals, infectious strains and other dangerous goods: research, production, sale, storage',
    labelZh: '易制毒化学品和传染性菌种、毒种以及其他危险物品的研制、生产、销售、储存场所',
  },
  FINANCIAL_VAULTS_AND_PREMISES: {
    rule: 'R7.1',
    source: 'Art. 7(1), Annex Art. 14(3)',
    mandatory: true,
    label:
      'Vaults; currency, securities and bill production or storage; cash vans; financial premises and data centres',
    labelZh:
      '金库，货币、有价证券、票据的制造或者集中存放场所，货币押运车辆，金融机构的营业场所和金融信息的运行、储存场所',
  },
  EXAMINATION_PAPERS: {
    rule: 'R7.1',
    source: 'Art. 7(1), Annex Art. 14(4)',
    mandatory: true,
    label: 'Setting, printing and storage of national or provincial examination papers',
    labelZh: '国家或者省级统一考试的命题及试卷印刷、存放场所',
  },
  STATE_SECRET_PREMISES: {
    rule: 'R7.1',
    source: 'Art. 7(1), Annex Art. 14(5)',
    mandatory: true,
    label: 'Premises of party and state organs and state-owned units involving state secrets',
    labelZh: '党政机关、国有企业事业单位涉及国家秘密的场所或者部位',
  },
  CULTURAL_RELICS_MUSEUMS_ARCHIVES: {
    rule: 'R7.1',
    source: 'Art. 7(1), Annex Art. 14(6)',
    mandatory: true,
    label: 'Key cultural-relic protection units; important parts of state museums and archives',
    labelZh: '国家重点文物保护单位和国有博物馆、档案馆的重要部位',
  },
  UTILITIES_AND_COMMUNICATIONS: {
    rule: 'R7.1',
    source: 'Art. 7(1), Annex Art. 14(7)',
    mandatory: true,
    label:
      'Broadcasting, television, telecom, postal; urban water, power, fuel/gas and heat supply',
    labelZh: '广播、电视、电信、邮政以及城市水、电、燃油（气）、热力供应单位的重要部位',
  },
  TRANSPORT_HUBS: {
    rule: 'R7.1',
    source: 'Art. 7(1), Annex Art. 14(8)',
    mandatory: true,
    label: 'Airports, railway and coach stations, transport hubs',
    labelZh: '机场、火车站、长途客运汽车站和民航、铁路、公路等交通枢纽的重要部位',
  },
  HOTELS_MALLS_VENUES_RESIDENTIAL: {
    rule: 'R7.1',
    source: 'Art. 7(1), Annex Art. 14(9)',
    mandatory: true,
    label:
      'Star hotels, large malls, stadiums, entertainment venues; entrances, main passages and public areas of residential compounds',
    labelZh:
      '星级宾馆和大型的商场、体育场馆、公共娱乐场所、住宅小区的出入口、主要通道及其他公共区域',
  },
  ROADS_BRIDGES_TUNNELS_CHECKPOINTS: {
    rule: 'R7.2',
    source: 'Art. 7(2)',
    mandatory: true,
    label:
      'Important sections of highways, urban roads, expressways, metro, tunnels, large bridges; regional checkpoints',
    labelZh:
      '高速公路、城市道路、城市快速干线、地铁、隧道、大型桥梁的重要路段或者部位，以及区域公安检查站',
  },
  PUBLIC_GATHERING_PLACES: {
    rule: 'R7.2',
    source: 'Art. 7(3)',
    mandatory: true,
    label: 'Important parts of schools, kindergartens, hospitals, parks, large squares',
    labelZh: '学校、幼儿园、医院、公园、大型广场等公众活动和聚集场所的重要部位',
  },
  LOGISTICS_RESERVES_MARKETS: {
    rule: 'R7.2',
    source: 'Art. 7(4)',
    mandatory: true,
    label: 'Important parts of logistics centres, large material reserves, farmers markets',
    labelZh: '物流中心、大型物资储备场所和农贸市场的重要部位',
  },
  WATER_WORKS: {
    rule: 'R7.2',
    source: 'Art. 7(5)',
    mandatory: true,
    label: 'Important parts of embankments, reservoirs, artificial lakes and other water works',
    labelZh: '江河堤防、水库、人工湖及其他水利工程的重要部位',
  },
  COMPLEX_PUBLIC_ORDER_PLACES: {
    rule: 'R7.2',
    source: 'Art. 7(6)',
    mandatory: true,
    label: 'Other places where public order is complex',
    labelZh: '其他社会治安复杂场所',
  },
  VOLUNTARY: {
    rule: null,
    source: 'Art. 10',
    mandatory: false,
    label: 'System installed where none is required',
    labelZh: '自行建设',
  },
};

export function isSiteCategory(value: string): value is SiteCategory {
  return (SITE_CATEGORIES as readonly string[]).includes(value);
}

/** Whether a site of this category must have an image system (R7.1, R7.2). */
export function siteRequiresImageSystem(category: SiteCategory): boolean {
  return SITE_CATEGORY_INFO[category].mandatory;
}
