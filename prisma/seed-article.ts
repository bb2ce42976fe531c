// The seed's article (../shared/seed-article.txt, as published), in a module that imports nothing: the seed, the
// extractor's tests and the Playwright specs (which cannot load the app's database modules) all read it here.
// The article as published, typographic quotes included. It carries no URL and no date.
export const SEED_ARTICLE_TITLE =
  'Pakistan to set up special protection unit for Chinese nationals, says Mohsin Naqvi';
export const SEED_ARTICLE_TEXT = [
  SEED_ARTICLE_TITLE,
  'ISLAMABAD (Dunya News) - Interior Minister Mohsin Naqvi on Wednesday announced that a special protection unit is being established in Islamabad to ensure the security of Chinese nationals in Pakistan.',
  'Naqvi made the remarks during his meeting with China’s Minister of Public Security, Wang Xiaohong, at the Ministry of Public Security headquarters in Beijing.',
  'According to an official press release from Pakistan’s Interior Ministry, the two leaders agreed to develop a joint rapid response system to counter terrorism, including expanded training programs aimed at strengthening police capabilities.',
  'Xiaohong commended Pakistan’s efforts in combating terrorism and enhancing internal security, expressing appreciation for the country’s sacrifices in the fight against terrorism.',
  'The ministers also agreed on a joint strategy to improve the professional skills of police and security personnel and pledged to maintain a continuous exchange of information between relevant institutions of both countries.',
  'Naqvi briefed Xiaohong on measures being taken to safeguard Chinese citizens in Pakistan, with the Chinese minister expressing satisfaction with the steps. “The protection of Chinese citizens and projects of mutual interest remains our top priority,” Naqvi said.',
  'The two officials also discussed cooperation in cybercrime prevention. Naqvi highlighted Pakistan’s aim to leverage Chinese expertise to enhance the capabilities of the National Cyber Crimes Investigation Agency (NCCIA), noting that AI-based technologies from China could significantly aid in counterterrorism and security management.',
  'Naqvi also invited the Chinese minister to visit Pakistan and conveyed greetings to China’s president and prime minister on behalf of President Asif Ali Zardari and Prime Minister Shehbaz Sharif.',
  'Xiaohong, in turn, invited Naqvi to the Global Security Cooperation Forum scheduled to be held in China this September, reaffirming China’s willingness to cooperate with Pakistan at all levels.',
].join('\n\n');
