// Words the synthetic dataset is made of: states, ministries, outlets, topics and phrases in the languages the
// tracker sees (English, Urdu, Chinese, Arabic, Russian, French, Spanish). Invented combinations of real kinds of
// things; no row claims a real event.

/** States beyond the seed's Pakistan and China, with ISO 3166-1 alpha-2 codes. */
export const STATES: readonly { name: string; code: string; capital: string }[] = [
  { name: 'Afghanistan', code: 'AF', capital: 'Kabul' },
  { name: 'Iran', code: 'IR', capital: 'Tehran' },
  { name: 'Saudi Arabia', code: 'SA', capital: 'Riyadh' },
  { name: 'United Arab Emirates', code: 'AE', capital: 'Abu Dhabi' },
  { name: 'Turkey', code: 'TR', capital: 'Ankara' },
  { name: 'Russia', code: 'RU', capital: 'Moscow' },
  { name: 'Kazakhstan', code: 'KZ', capital: 'Astana' },
  { name: 'Uzbekistan', code: 'UZ', capital: 'Tashkent' },
  { name: 'Tajikistan', code: 'TJ', capital: 'Dushanbe' },
  { name: 'Kyrgyzstan', code: 'KG', capital: 'Bishkek' },
  { name: 'Turkmenistan', code: 'TM', capital: 'Ashgabat' },
  { name: 'Sri Lanka', code: 'LK', capital: 'Colombo' },
  { name: 'Bangladesh', code: 'BD', capital: 'Dhaka' },
  { name: 'Nepal', code: 'NP', capital: 'Kathmandu' },
  { name: 'Malaysia', code: 'MY', capital: 'Kuala Lumpur' },
  { name: 'Indonesia', code: 'ID', capital: 'Jakarta' },
  { name: 'Thailand', code: 'TH', capital: 'Bangkok' },
  { name: 'Egypt', code: 'EG', capital: 'Cairo' },
  { name: 'Azerbaijan', code: 'AZ', capital: 'Baku' },
  { name: 'Oman', code: 'OM', capital: 'Muscat' },
  { name: 'Qatar', code: 'QA', capital: 'Doha' },
  { name: 'Jordan', code: 'JO', capital: 'Amman' },
  { name: 'Iraq', code: 'IQ', capital: 'Baghdad' },
  { name: 'Morocco', code: 'MA', capital: 'Rabat' },
  { name: 'Nigeria', code: 'NG', capital: 'Abuja' },
  { name: 'Kenya', code: 'KE', capital: 'Nairobi' },
  { name: 'Ethiopia', code: 'ET', capital: 'Addis Ababa' },
  { name: 'United Kingdom', code: 'GB', capital: 'London' },
  { name: 'France', code: 'FR', capital: 'Paris' },
  { name: 'Germany', code: 'DE', capital: 'Berlin' },
  { name: 'Italy', code: 'IT', capital: 'Rome' },
  { name: 'Spain', code: 'ES', capital: 'Madrid' },
  { name: 'Japan', code: 'JP', capital: 'Tokyo' },
  { name: 'South Korea', code: 'KR', capital: 'Seoul' },
  { name: 'Brazil', code: 'BR', capital: 'Brasília' },
  { name: 'Mexico', code: 'MX', capital: 'Mexico City' },
];

export const SEED_CAPITALS: Record<string, string> = { PK: 'Islamabad', CN: 'Beijing' };

export const MINISTRIES: readonly { name: string; short: string }[] = [
  { name: 'Interior', short: 'MoI' },
  { name: 'Foreign Affairs', short: 'MoFA' },
  { name: 'Defence', short: 'MoD' },
  { name: 'Commerce', short: 'MoC' },
  { name: 'Finance', short: 'MoF' },
  { name: 'Planning and Development', short: 'MoPD' },
  { name: 'Information Technology', short: 'MoIT' },
  { name: 'Energy', short: 'MoE' },
  { name: 'Maritime Affairs', short: 'MoMA' },
  { name: 'Health', short: 'MoH' },
  { name: 'Public Security', short: 'MPS' },
  { name: 'Justice', short: 'MoJ' },
];

export const AGENCIES: readonly { name: string; short: string }[] = [
  { name: 'National Police Agency', short: 'NPA' },
  { name: 'Customs Service', short: 'CS' },
  { name: 'Counter-Terrorism Department', short: 'CTD' },
  { name: 'Board of Investment', short: 'BOI' },
  { name: 'Cyber Security Authority', short: 'CSA' },
  { name: 'Coast Guard', short: 'CG' },
  { name: 'Highway Authority', short: 'HA' },
  { name: 'Energy Regulator', short: 'ER' },
];

export const ORGANISATIONS: readonly { name: string; short: string }[] = [
  { name: 'Shanghai Cooperation Organisation', short: 'SCO' },
  { name: 'Economic Cooperation Organization', short: 'ECO' },
  { name: 'Gulf Cooperation Council', short: 'GCC' },
];

/** Categories beyond the seed's seven. */
export const EXTRA_CATEGORIES: readonly { slug: string; name: string }[] = [
  { slug: 'energy', name: 'Energy cooperation' },
  { slug: 'trade', name: 'Trade and investment' },
  { slug: 'infrastructure', name: 'Infrastructure' },
  { slug: 'health', name: 'Health' },
  { slug: 'education', name: 'Education and culture' },
  { slug: 'maritime', name: 'Maritime security' },
];

/** What commitments of each category promise; `{a}` and `{b}` are the responsible and beneficiary sides. */
export const COMMITMENT_TOPICS: Record<string, readonly string[]> = {
  'protection-unit': [
    'Dedicated security force for {b} nationals on {project} sites',
    'Special protection unit for {b} workers in {city}',
    'Escort arrangements for {b} engineers travelling to {city}',
  ],
  'rapid-response': [
    'Joint counter-terrorism rapid-response cell in {city}',
    'Hotline between the crisis centres of {a} and {b}',
    'Joint exercise against hostage-taking near {city}',
  ],
  'training-exchange': [
    'Training of {n} police officers by {a} instructors',
    'Exchange programme for investigators of {a} and {b}',
    'Forensics laboratory training in {city}',
  ],
  'information-exchange': [
    'Regular exchange of threat assessments between {a} and {b}',
    'Liaison officers of {a} posted in {city}',
    'Shared watch list on cross-border smuggling',
  ],
  cybercrime: [
    'Cybercrime cooperation: {tech} for {b}',
    'Joint task force on online fraud targeting {b} citizens',
    'Digital forensics equipment delivered to {b}',
  ],
  'visit-invitation': [
    'Ministerial visit of {a} to {city}',
    'Delegation of {b} to attend the forum in {city}',
    'Follow-up meeting of the joint commission in {city}',
  ],
  other: [
    'Memorial for victims of the attack in {city}',
    'Joint statement on regional stability',
    'Working group on visa facilitation for {b} citizens',
  ],
  energy: [
    '{n} MW power plant near {city}',
    'Feasibility study for a gas pipeline to {city}',
    'Grid interconnection between {a} and {b}',
  ],
  trade: [
    'Reduced tariffs on {n} product lines',
    'Special economic zone near {city}',
    'Currency swap arrangement between {a} and {b}',
  ],
  infrastructure: [
    'Upgrade of the railway line to {city}',
    'Motorway section near {city}',
    'Port expansion in {city}',
  ],
  health: [
    'Hospital wing funded by {a} in {city}',
    'Vaccine donation of {n} thousand doses',
    'Joint research centre on infectious diseases',
  ],
  education: [
    '{n} scholarships for students of {b}',
    'Language centre in {city}',
    'Cultural year of {a} in {b}',
  ],
  maritime: [
    'Joint naval patrols near {city}',
    'Maritime search-and-rescue agreement',
    'Coast guard vessels delivered to {b}',
  ],
};

export const PROJECTS = [
  'hydropower',
  'motorway',
  'port',
  'mining',
  'solar park',
  'railway',
  'special economic zone',
  'telecoms',
];

export const TECHNOLOGIES = [
  'AI-based video analytics',
  'training in digital forensics',
  'a joint cyber-incident response team',
  'secure communications equipment',
];

export const AGREEMENT_KIND_WORDS: Record<string, string> = {
  meeting_outcome: 'meeting on',
  mou: 'memorandum of understanding on',
  joint_statement: 'joint statement on',
  treaty: 'treaty on',
  other: 'arrangement on',
};

export const AGREEMENT_SUBJECTS = [
  'security cooperation',
  'counter-terrorism',
  'economic partnership',
  'energy and infrastructure',
  'law enforcement training',
  'cybercrime prevention',
  'maritime security',
  'health cooperation',
  'trade facilitation',
  'cultural exchange',
];

/** Native-language titles for items not published in English, keyed by BCP 47 tag. */
export const NATIVE_TITLES: Record<string, readonly string[]> = {
  ur: [
    'پاکستان اور چین کے درمیان سیکیورٹی تعاون میں پیش رفت',
    'چینی شہریوں کے تحفظ کے لیے خصوصی یونٹ قائم',
    'انسداد دہشت گردی کا مشترکہ نظام زیر غور',
    'پولیس تربیتی پروگرام میں توسیع کا اعلان',
    'سائبر کرائم کے خلاف تعاون پر اتفاق',
    'وزیر داخلہ کا دورہ، اہم معاہدوں پر دستخط',
  ],
  zh: [
    '中巴安全合作取得新进展',
    '联合反恐快速反应机制正式启动',
    '警务培训项目进一步扩大',
    '网络犯罪调查合作协议签署',
    '中国公民安全保护措施持续加强',
    '两国部长会谈达成多项共识',
  ],
  ar: [
    'تعاون أمني مشترك بين البلدين',
    'إنشاء وحدة حماية خاصة للعاملين الأجانب',
    'توقيع مذكرة تفاهم لمكافحة الإرهاب',
    'توسيع برنامج تدريب الشرطة',
  ],
  ru: [
    'Соглашение о сотрудничестве в сфере безопасности',
    'Запущена совместная система быстрого реагирования',
    'Обмен информацией между ведомствами продолжается',
    'Программа подготовки полицейских расширена',
  ],
  fr: [
    'Accord de coopération sécuritaire signé',
    'Le programme de formation de la police élargi',
    "L'échange d'informations entre les ministères se poursuit",
  ],
  es: [
    'Firmado un acuerdo de cooperación en seguridad',
    'Se amplía el programa de formación policial',
    'Continúa el intercambio de información entre instituciones',
  ],
};

/** Translations sometimes appended to commitment titles, as analysts do when the source language matters. */
export const TITLE_TRANSLATIONS = [
  '建立联合反恐快速反应机制',
  '中国公民安全保护',
  'چینی شہریوں کا تحفظ',
  'مشترکہ تربیتی پروگرام',
  'تبادل المعلومات',
  'обмен информацией',
];

export const LANGUAGES: readonly (readonly [string, number])[] = [
  ['en', 60],
  ['ur', 12],
  ['zh', 14],
  ['ar', 4],
  ['ru', 4],
  ['fr', 3],
  ['es', 3],
];

export const OUTLET_NAMES = [
  'Dawn',
  'The News International',
  'The Express Tribune',
  'Geo News',
  'Associated Press of Pakistan',
  'Xinhua',
  'China Daily',
  'Global Times',
  'CGTN',
  'Reuters',
  'Agence France-Presse',
  'Al Jazeera',
  'BBC Urdu',
  'Nikkei Asia',
  'TASS',
  'Anadolu Agency',
  'The Diplomat',
  'South China Morning Post',
];

export const OUTLET_CITY_WORDS = [
  'Lahore',
  'Karachi',
  'Peshawar',
  'Quetta',
  'Gwadar',
  'Kashgar',
  'Urumqi',
  'Chengdu',
  'Dubai',
  'Almaty',
  'Tashkent',
  'Colombo',
];

export const OUTLET_MEDIA_WORDS = [
  'Daily',
  'Courier',
  'Herald',
  'Observer',
  'Times',
  'Post',
  'Chronicle',
  'Review',
];

export const HEADLINE_SUBJECTS = [
  'Interior ministry',
  'Officials',
  'Minister',
  'Spokesperson',
  'Police chief',
  'Embassy',
  'Joint committee',
  'Provincial government',
];

export const HEADLINE_VERBS = [
  'announces progress on',
  'confirms work has begun on',
  'says delays hit',
  'denies reports about',
  'reviews',
  'inaugurates',
  'pledges funds for',
  'briefs parliament on',
];

export const EXCERPT_SENTENCES = [
  'Officials said the work was proceeding according to the agreed timetable.',
  'The spokesperson declined to give a date for completion.',
  'According to a press release, both sides reviewed the progress made since the last meeting.',
  'Local residents told reporters that no construction had been seen at the site.',
  'The ministry said funding had been released for the first phase.',
  'Diplomats described the talks as constructive and forward-looking.',
  'A senior officer confirmed that the first group of trainees had completed the course.',
  'The opposition questioned whether the commitment would be met on time.',
  'Budget documents show no allocation for the project this year.',
  'Both ministers reaffirmed their commitment to the joint plan.',
];

export const REASON_OPENERS = [
  'The report says',
  'The ministry states',
  'The item confirms',
  'According to the outlet,',
  'The press release says',
  'Officials quoted in the item say',
];

export const REASON_FACTS: Record<string, readonly string[]> = {
  not_started: [
    'nothing has been done yet',
    'planning has not begun',
    'the talks are still at an early stage',
  ],
  in_progress: [
    'work has begun',
    'the first phase is under way',
    'staff have been assigned and funds released',
  ],
  stalled: [
    'work stopped after funding was withheld',
    'no progress since the last review',
    'the project is on hold pending approvals',
  ],
  partially_fulfilled: [
    'part of the promised delivery arrived',
    'the first of several phases is complete',
    'some of the trainees have graduated',
  ],
  fulfilled: ['the commitment was completed', 'the facility was inaugurated', 'all deliveries were made'],
  broken: [
    'the plan was formally abandoned',
    'the government cancelled the project',
    'the deadline passed and the offer was withdrawn',
  ],
  no_evidence: ['there is no information'],
};

export const FIRST_NAMES = [
  'Ahmed',
  'Ayesha',
  'Bilal',
  'Fatima',
  'Hassan',
  'Sana',
  'Usman',
  'Zainab',
  'Wei',
  'Li',
  'Jun',
  'Mei',
  'Chen',
  'Ivan',
  'Olga',
  'Omar',
  'Layla',
  'Karim',
  'Aigerim',
  'Timur',
  'Sofia',
  'Pierre',
  'Claire',
  'Kenji',
];

export const LAST_NAMES = [
  'Khan',
  'Qureshi',
  'Malik',
  'Chaudhry',
  'Siddiqui',
  'Zhang',
  'Wang',
  'Liu',
  'Zhao',
  'Petrov',
  'Ivanova',
  'Al-Farsi',
  'Haddad',
  'Nurlanov',
  'Yilmaz',
  'Dubois',
  'Martin',
  'Tanaka',
  'Kim',
  'Silva',
];
