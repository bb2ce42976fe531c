// Fixed knowledge the extractor needs besides the registry: states with their names and demonyms (so "Chinese"
// means China and a state missing from the registry can be offered as new), cities (places and datelines), and
// ministry portfolios (so "interior minister" is recognised as a ministry without a list of every ministry).
// Kept small on purpose: what is missing is simply not proposed, and the analyst adds it by hand.

export type Country = {
  /** ISO 3166-1 alpha-2, as Party.countryCode stores it. */
  code: string;
  name: string;
  /** Other names the text may use, including in Urdu and Chinese script. */
  aliases: readonly string[];
  demonyms: readonly string[];
};

export const COUNTRIES: readonly Country[] = [
  { code: 'PK', name: 'Pakistan', aliases: ['پاکستان', '巴基斯坦'], demonyms: ['Pakistani'] },
  {
    code: 'CN',
    name: 'China',
    aliases: ["People's Republic of China", 'People’s Republic of China', 'PRC', 'چین', '中国', '中方'],
    demonyms: ['Chinese'],
  },
  { code: 'AF', name: 'Afghanistan', aliases: ['افغانستان', '阿富汗'], demonyms: ['Afghan'] },
  { code: 'IN', name: 'India', aliases: ['بھارت', '印度'], demonyms: ['Indian'] },
  { code: 'IR', name: 'Iran', aliases: ['ایران', '伊朗'], demonyms: ['Iranian'] },
  {
    code: 'SA',
    name: 'Saudi Arabia',
    aliases: ['سعودی عرب', 'Kingdom of Saudi Arabia'],
    demonyms: ['Saudi'],
  },
  {
    code: 'AE',
    name: 'United Arab Emirates',
    aliases: ['UAE', 'the UAE', 'متحدہ عرب امارات'],
    demonyms: ['Emirati'],
  },
  { code: 'QA', name: 'Qatar', aliases: [], demonyms: ['Qatari'] },
  { code: 'TR', name: 'Türkiye', aliases: ['Turkey', 'Turkiye', 'ترکی'], demonyms: ['Turkish'] },
  {
    code: 'US',
    name: 'United States',
    aliases: ['the United States', 'USA', 'the US', 'امریکہ'],
    demonyms: ['American'],
  },
  {
    code: 'GB',
    name: 'United Kingdom',
    aliases: ['the United Kingdom', 'the UK', 'Britain'],
    demonyms: ['British'],
  },
  { code: 'RU', name: 'Russia', aliases: ['Russian Federation', '俄罗斯'], demonyms: ['Russian'] },
  { code: 'UZ', name: 'Uzbekistan', aliases: [], demonyms: ['Uzbek'] },
  { code: 'TJ', name: 'Tajikistan', aliases: [], demonyms: ['Tajik'] },
  { code: 'KZ', name: 'Kazakhstan', aliases: [], demonyms: ['Kazakh'] },
  { code: 'KG', name: 'Kyrgyzstan', aliases: [], demonyms: ['Kyrgyz'] },
  { code: 'TM', name: 'Turkmenistan', aliases: [], demonyms: ['Turkmen'] },
  { code: 'AZ', name: 'Azerbaijan', aliases: [], demonyms: ['Azerbaijani'] },
  { code: 'BD', name: 'Bangladesh', aliases: [], demonyms: ['Bangladeshi'] },
  { code: 'LK', name: 'Sri Lanka', aliases: [], demonyms: ['Sri Lankan'] },
  { code: 'NP', name: 'Nepal', aliases: [], demonyms: ['Nepalese', 'Nepali'] },
  { code: 'MY', name: 'Malaysia', aliases: [], demonyms: ['Malaysian'] },
  { code: 'ID', name: 'Indonesia', aliases: [], demonyms: ['Indonesian'] },
  { code: 'EG', name: 'Egypt', aliases: [], demonyms: ['Egyptian'] },
  { code: 'RW', name: 'Rwanda', aliases: [], demonyms: ['Rwandan'] },
  { code: 'JP', name: 'Japan', aliases: [], demonyms: ['Japanese'] },
  { code: 'KR', name: 'South Korea', aliases: ['Republic of Korea'], demonyms: ['South Korean'] },
  { code: 'DE', name: 'Germany', aliases: [], demonyms: ['German'] },
  { code: 'FR', name: 'France', aliases: [], demonyms: ['French'] },
  { code: 'IT', name: 'Italy', aliases: [], demonyms: ['Italian'] },
];

/** Cities by the state they are in: meeting places and datelines. */
export const CITIES: Readonly<Record<string, string>> = {
  Islamabad: 'PK',
  Rawalpindi: 'PK',
  Lahore: 'PK',
  Karachi: 'PK',
  Peshawar: 'PK',
  Quetta: 'PK',
  Gwadar: 'PK',
  Beijing: 'CN',
  Shanghai: 'CN',
  Urumqi: 'CN',
  Kashgar: 'CN',
  Guangzhou: 'CN',
  Shenzhen: 'CN',
  Chengdu: 'CN',
  Kabul: 'AF',
  Kandahar: 'AF',
  'New Delhi': 'IN',
  Tehran: 'IR',
  Riyadh: 'SA',
  Jeddah: 'SA',
  'Abu Dhabi': 'AE',
  Dubai: 'AE',
  Doha: 'QA',
  Ankara: 'TR',
  Istanbul: 'TR',
  Washington: 'US',
  'New York': 'US',
  London: 'GB',
  Moscow: 'RU',
  Tashkent: 'UZ',
  Dushanbe: 'TJ',
  Astana: 'KZ',
  Bishkek: 'KG',
  Ashgabat: 'TM',
  Baku: 'AZ',
  Dhaka: 'BD',
  Colombo: 'LK',
  Kathmandu: 'NP',
  'Kuala Lumpur': 'MY',
  Jakarta: 'ID',
  Cairo: 'EG',
  Kigali: 'RW',
  Tokyo: 'JP',
  Seoul: 'KR',
  Berlin: 'DE',
  Paris: 'FR',
  Rome: 'IT',
  Geneva: 'CH',
  Brussels: 'BE',
};

/**
 * Ministry portfolios as they follow "Ministry of" or precede "Ministry"/"minister"; longest first so "foreign
 * affairs" wins over "foreign". Each maps to the portfolio it is the same as ("home affairs" stays its own).
 */
export const PORTFOLIOS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    interior: 'interior',
    'home affairs': 'home affairs',
    'foreign affairs': 'foreign affairs',
    foreign: 'foreign affairs',
    defence: 'defence',
    defense: 'defence',
    finance: 'finance',
    commerce: 'commerce',
    trade: 'trade',
    'public security': 'public security',
    'state security': 'state security',
    'planning and development': 'planning and development',
    'planning, development and special initiatives': 'planning, development and special initiatives',
    planning: 'planning',
    energy: 'energy',
    health: 'health',
    education: 'education',
    information: 'information',
    'information technology': 'information technology',
    railways: 'railways',
    'water resources': 'water resources',
    'maritime affairs': 'maritime affairs',
    petroleum: 'petroleum',
    'science and technology': 'science and technology',
    industries: 'industries',
    communications: 'communications',
    law: 'law',
    justice: 'justice',
    agriculture: 'agriculture',
    'economic affairs': 'economic affairs',
    'climate change': 'climate change',
    'human rights': 'human rights',
    transport: 'transport',
    'natural resources': 'natural resources',
    'emergency management': 'emergency management',
  }).sort(([a], [b]) => b.length - a.length),
);
