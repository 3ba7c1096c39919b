/** Word lists for fictional Dutch people, organisations and addresses. */

export const femaleFirstNames = [
  'Anna', 'Emma', 'Sophie', 'Julia', 'Lotte', 'Sanne', 'Eva', 'Lisa', 'Fleur', 'Noor', 'Iris', 'Femke', 'Anouk',
  'Marieke', 'Ingrid', 'Petra', 'Karin', 'Monique', 'Yvonne', 'Esther', 'Nadia', 'Fatima', 'Samira', 'Hanneke',
  'Annelies', 'Willemijn', 'Roos', 'Maud', 'Lieke', 'Sara',
] as const;

export const maleFirstNames = [
  'Jan', 'Pieter', 'Kees', 'Bram', 'Daan', 'Luuk', 'Sem', 'Thijs', 'Ruben', 'Jeroen', 'Mark', 'Sander', 'Bas',
  'Joost', 'Wouter', 'Erik', 'Henk', 'Gerrit', 'Hans', 'Martijn', 'Mohamed', 'Youssef', 'Ahmed', 'Stefan', 'Rik',
  'Tim', 'Koen', 'Niels', 'Willem', 'Dirk',
] as const;

/** [prefix ("tussenvoegsel"), surname]. */
export const surnames: readonly (readonly [string, string])[] = [
  ['', 'Jansen'], ['de', 'Jong'], ['de', 'Vries'], ['van den', 'Berg'], ['van', 'Dijk'], ['', 'Bakker'],
  ['', 'Janssen'], ['', 'Visser'], ['', 'Smit'], ['', 'Meijer'], ['de', 'Boer'], ['', 'Mulder'], ['de', 'Groot'],
  ['', 'Bos'], ['', 'Vos'], ['', 'Peters'], ['', 'Hendriks'], ['van', 'Leeuwen'], ['', 'Dekker'], ['', 'Brouwer'],
  ['de', 'Wit'], ['', 'Dijkstra'], ['', 'Smits'], ['de', 'Graaf'], ['van der', 'Meer'], ['van der', 'Linden'],
  ['', 'Kok'], ['', 'Jacobs'], ['de', 'Haan'], ['', 'Vermeulen'], ['van den', 'Heuvel'], ['van der', 'Veen'],
  ['van den', 'Broek'], ['de', 'Bruijn'], ['de', 'Bruin'], ['van der', 'Heijden'], ['', 'Schouten'],
  ['van', 'Beek'], ['', 'Willems'], ['van', 'Vliet'], ['', 'Hoekstra'], ['', 'Maas'], ['', 'Verhoeven'],
  ['', 'Koster'], ['van', 'Dam'], ['', 'Prins'], ['', 'Blom'], ['', 'Huisman'], ['', 'Kramer'], ['', 'Postma'],
  ['El', 'Amrani'], ['', 'Yilmaz'], ['', 'Öztürk'], ['', 'Bouzid'], ['', 'Nguyen'],
];

export const orgKinds = [
  'Bouwbedrijf', 'Transportbedrijf', 'Installatiebedrijf', 'Schildersbedrijf', 'Autobedrijf', 'Bakkerij',
  'Advocatenkantoor', 'Accountantskantoor', 'Huisartsenpraktijk', 'Tandartspraktijk', 'Kapsalon', 'Drukkerij',
  'Hoveniersbedrijf', 'Loodgietersbedrijf', 'Makelaardij', 'Administratiekantoor', 'Fysiotherapie', 'Garage',
] as const;

export const orgWords = [
  'Noord', 'Zuid', 'Oost', 'West', 'Centrum', 'Polder', 'Delta', 'Horizon', 'Kompas', 'Vlinder', 'Eik', 'Linde',
  'Molen', 'Haven', 'Duin', 'Heide', 'Zon', 'Regio',
] as const;

export const legalForms = ['B.V.', 'B.V.', 'V.O.F.', '', '', 'N.V.', 'Holding B.V.'] as const;

export const departments = [
  'Inkoop', 'Verkoop', 'Administratie', 'Klantenservice', 'Planning', 'Storingsdienst', 'Personeelszaken',
] as const;

export const functions = [
  'Directeur', 'Eigenaar', 'Office manager', 'Inkoper', 'Verkoopadviseur', 'Projectleider', 'Planner',
  'Boekhouder', 'Monteur', 'Receptionist', 'Teamleider', 'Adviseur', 'Administratief medewerker',
] as const;

export const streets = [
  'Dorpsstraat', 'Kerkstraat', 'Molenweg', 'Stationsweg', 'Schoolstraat', 'Julianalaan', 'Beatrixstraat',
  'Wilhelminaweg', 'Nieuwstraat', 'Industrieweg', 'Havenkade', 'Parallelweg', 'Eikenlaan', 'Lindelaan',
  'Prinsengracht', 'Marktplein', 'Sportlaan', 'Vaartweg', 'Zuiderweg', 'Noordeinde',
] as const;

export const privateMailDomains = ['thuismail.example', 'postbus.example', 'webpost.example', 'mijnmail.example'] as const;

export const notes = [
  'Liever bellen na 10:00.',
  'Vaste contactpersoon voor onderhoud.',
  'Betaalt via automatische incasso.',
  'Spreekt ook Engels.',
  'Let op: nieuw adres per 1 januari.',
  'Wil facturen per e-mail ontvangen.',
] as const;

/** Dossier item subjects per type (SbTy). */
export const subjectsByType: Readonly<Record<number, readonly string[]>> = {
  1: ['Klacht over levertijd', 'Klacht over factuur', 'Klacht over monteur', 'Beschadiging bij levering'],
  2: ['Vraag over factuur', 'Vraag over contract', 'Adreswijziging doorgeven', 'Vraag over garantie'],
  3: ['Storing verwarming', 'Storing internetverbinding', 'Lekkage na onderhoud', 'Storing in de app'],
  4: ['Offerte uitbreiding', 'Offerte onderhoudscontract', 'Prijsopgave vervanging'],
  5: ['Terugbelverzoek', 'Terugbelverzoek over planning', 'Terugbelverzoek administratie'],
  6: ['Jaarlijks onderhoud', 'Onderhoud ingepland', 'Inspectie na reparatie'],
};

export const memos = [
  'Klant belt terug zodra hij meer weet.',
  'Monteur ingepland, bevestiging per e-mail verstuurd.',
  'Factuur gecrediteerd na overleg.',
  'Wacht op foto\'s van de klant.',
  'Doorgezet naar de afdeling planning.',
  'Afgestemd met de leidinggevende; geen verdere actie.',
  'Onderdelen besteld, levering verwacht binnen twee weken.',
] as const;
