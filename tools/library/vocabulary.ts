import { createRng, deriveSeed } from '../prng';

/**
 * Shared name pools for the realistic profile, sized from the library size the way real
 * libraries grow: a few hundred publishers, series by the tens of thousands, characters and
 * creators by the thousands. Name i of a pool is a pure function of i (words combined in mixed
 * radix), so pools of any size cost nothing until used.
 */

const ADJECTIVES = [
  'Amazing', 'Astonishing', 'Atomic', 'Black', 'Blue', 'Brave', 'Burning', 'Cosmic', 'Crimson',
  'Dark', 'Daring', 'Dead', 'Electric', 'Emerald', 'Eternal', 'Fantastic', 'Fearless', 'Fighting',
  'Flying', 'Forgotten', 'Frozen', 'Galactic', 'Ghostly', 'Golden', 'Green', 'Hidden', 'Hollow',
  'Howling', 'Incredible', 'Infinite', 'Iron', 'Jade', 'Last', 'Lost', 'Marvelous', 'Midnight',
  'Mighty', 'Mystic', 'Nameless', 'Night', 'Phantom', 'Primal', 'Radiant', 'Red', 'Restless',
  'Savage', 'Scarlet', 'Secret', 'Sensational', 'Shadow', 'Silent', 'Silver', 'Spectral',
  'Star', 'Startling', 'Steel', 'Strange', 'Thrilling', 'Uncanny', 'Unknown', 'Valiant', 'Weird',
  'Wild', 'Wonder', 'Électrique', 'Señorita',
];
const NOUNS = [
  'Adventures', 'Agents', 'Angel', 'Arrow', 'Avenger', 'Beetle', 'Blade', 'Comet', 'Crusader',
  'Defender', 'Detective', 'Dragon', 'Eagle', 'Falcon', 'Flame', 'Frontier', 'Ghost', 'Guardian',
  'Hawk', 'Heroes', 'Hornet', 'Hunter', 'Justice', 'Knight', 'Legion', 'Lightning', 'Mariner',
  'Marvel', 'Mask', 'Mystery', 'Nomad', 'Nova', 'Outlaws', 'Patrol', 'Phantom', 'Pilot',
  'Planet', 'Ranger', 'Raven', 'Rider', 'Rocket', 'Sentinel', 'Shield', 'Sorcerer', 'Spectre',
  'Sphinx', 'Spirit', 'Squadron', 'Stardust', 'Storm', 'Tales', 'Thunder', 'Titan', 'Tomorrow',
  'Voyager', 'Warrior', 'Wasp', 'Witch', 'Wizard', 'Wolf', 'Worlds', 'Zephyr', 'Café',
];
const FIRST_NAMES = [
  'Ada', 'Alan', 'Alex', 'Amara', 'Ana', 'Ben', 'Bill', 'Carla', 'Chen', 'Chris', 'Dan', 'Dara',
  'Dave', 'Diego', 'Elena', 'Emil', 'Erin', 'Fatima', 'Frank', 'Gail', 'Greg', 'Hana', 'Hugo',
  'Ines', 'Ivan', 'Jack', 'Jae', 'Jen', 'Joe', 'José', 'Karen', 'Kenji', 'Kim', 'Lara', 'Leo',
  'Lina', 'Louise', 'Marc', 'Maria', 'Matt', 'Mei', 'Mike', 'Nadia', 'Nick', 'Noor', 'Olga',
  'Omar', 'Pat', 'Paul', 'Priya', 'Raj', 'Rosa', 'Ruth', 'Sam', 'Sara', 'Sean', 'Sofia', 'Tom',
  'Uma', 'Vera', 'Walt', 'Will', 'Yuki', 'Zoe',
];
const LAST_NAMES = [
  'Abbott', 'Adams', 'Alvarez', 'Baker', 'Becker', 'Bianchi', 'Brooks', 'Byrne', 'Castro',
  'Chang', 'Cole', 'Cooper', 'Costa', 'Dahl', 'Diaz', 'Dubois', 'Ellis', 'Evans', 'Fischer',
  'Flores', 'Ford', 'Garcia', 'Gray', 'Hall', 'Hanks', 'Hayes', 'Ito', 'Jensen', 'Kane', 'Kirby',
  'Klein', 'Kowalski', 'Lee', 'Lopez', 'Moreau', 'Müller', 'Murphy', 'Nakamura', 'Nguyen',
  'Novak', 'Olsen', 'Ortiz', 'Park', 'Patel', 'Perez', 'Quinn', 'Reed', 'Rossi', 'Sato',
  'Schmidt', 'Silva', 'Singh', 'Stone', 'Suzuki', 'Tanaka', 'Taylor', 'Torres', 'Walker', 'Ward',
  'Weber', 'Wood', 'Young', 'Yılmaz', 'Zhang',
];
const TITLES = ['Captain', 'Doctor', 'Lady', 'Mister', 'Professor', 'Agent', 'Madame', 'Lord', 'Kid', 'Miss', 'Sergeant', 'The'];
const TEAM_WORDS = ['League', 'Legion', 'Squad', 'Society', 'Corps', 'Force', 'Brigade', 'Guild', 'Circle', 'Patrol', 'Syndicate', 'Order'];
const PLACE_WORDS = ['City', 'Island', 'Harbor', 'Valley', 'Station', 'Heights', 'Falls', 'Citadel', 'Bay', 'Canyon', 'Moon', 'Realm'];
const PUBLISHER_WORDS = ['Comics', 'Press', 'Publishing', 'Magazines', 'Features', 'Periodicals', 'Books', 'Studios'];
const ARC_WORDS = ['Saga', 'War', 'Crisis', 'Affair', 'Gambit', 'Reckoning', 'Legacy', 'Trials', 'Hunt', 'Conspiracy'];
const IMPRINT_WORDS = ['Black Label', 'Twilight Line', 'Max', 'Icon', 'Epic', 'Kids', 'Noir', 'Presents', 'Select', 'Unlimited'];
const GROUP_WORDS = ['Family', 'Universe', 'Line', 'Collection', 'Event'];

export const GENRES = [
  'Action', 'Adventure', 'Anthology', 'Comedy', 'Crime', 'Drama', 'Espionage', 'Fantasy',
  'Historical', 'Horror', 'Humor', 'Jungle', 'Martial Arts', 'Mecha', 'Military', 'Mystery',
  'Mythology', 'Noir', 'Post-Apocalyptic', 'Pulp', 'Romance', 'Science Fiction', 'Slice of Life',
  'Sports', 'Superhero', 'Supernatural', 'Suspense', 'Sword and Sorcery', 'Thriller', 'War',
  'Western', 'Young Adult',
];
export const TAG_WORDS = [
  'time travel', 'alternate reality', 'origin', 'first appearance', 'death', 'wedding', 'crossover',
  'team-up', 'giant robots', 'aliens', 'magic', 'vampires', 'werewolves', 'zombies', 'pirates',
  'ninjas', 'dinosaurs', 'space opera', 'cyberpunk', 'steampunk', 'heist', 'revenge', 'prison',
  'court case', 'road trip', 'holiday special', 'anniversary issue', 'variant cover', 'reprint',
  'golden age', 'silver age', 'bronze age', 'modern age', 'annual', 'one-shot', 'retcon',
  'secret identity', 'sidekick', 'villain', 'anti-hero', 'mutants', 'gods', 'monsters', 'detective',
  'cosmic', 'street level', 'underwater', 'jungle', 'desert', 'arctic', 'war story', 'spy',
];
export const AGE_RATINGS = ['Everyone', 'Everyone 10+', 'Teen', 'Teen Plus', 'Mature 17+', 'Adults Only 18+', 'G', 'PG', 'All Ages'];
export const FORMATS = ['Series', 'Limited Series', 'One-Shot', 'Annual', 'TPB', 'Hardcover', 'Graphic Novel', 'Digital Chapter'];
export const LANGUAGES = ['en', 'en', 'en', 'en', 'en', 'en', 'en', 'en', 'fr', 'es', 'de', 'it', 'ja', 'pt', 'nl', 'ko'];
export const SCANNERS = ['DCP', 'Empire', 'Minutemen', 'GreenGiant', 'Zone', 'Digital', 'Glorith-HD', 'Son of Ultron'];

const SERIES_SUFFIXES = ['', 'Comics', 'Tales', 'Stories', 'Quarterly', 'Special', 'Presents', 'Returns', 'Chronicles', 'Unlimited', 'Files', 'Origins'];
const INITIALS = 'ABCDEFGHIJKLMNOPRSTVW'.split('');

// A prime larger than any combination count: multiplying by it permutes 0..M-1 whenever M is
// not a multiple of it, which spreads neighbouring indices over all the words.
const STRIDE = 1_000_003;

/**
 * Name i of the product of `lists`: i is permuted within the product (so the popular low indices
 * do not all share their last word), split in mixed radix, and numbered once combinations run out.
 */
function mixed(i: number, lists: readonly (readonly string[])[]): string {
  const size = lists.reduce((m, list) => m * list.length, 1);
  const round = Math.floor(i / size);
  let rest = Number((BigInt(i % size) * BigInt(STRIDE)) % BigInt(size));
  const words: string[] = [];
  for (const list of lists) {
    words.push(list[rest % list.length]!);
    rest = Math.floor(rest / list.length);
  }
  const base = words.filter((w) => w !== '').join(' ');
  return round === 0 ? base : `${base} ${round + 1}`;
}

export interface Vocabulary {
  sizes: VocabularySizes;
  publisher(i: number): string;
  /** Imprints of publisher i: none for most, up to three. */
  imprints(publisher: number): string[];
  series(i: number): string;
  character(i: number): string;
  team(i: number): string;
  location(i: number): string;
  creator(i: number): string;
  storyArc(i: number): string;
  seriesGroup(i: number): string;
}

export interface VocabularySizes {
  publishers: number;
  series: number;
  characters: number;
  teams: number;
  locations: number;
  creators: number;
  storyArcs: number;
  seriesGroups: number;
}

/** Pool sizes for a library of `count` comics: 10k gives 100 publishers and 631 characters, 600k 775 and 11k. */
export function vocabularySizes(count: number): VocabularySizes {
  const n = Math.max(1, count);
  const grow = (power: number, min: number) => Math.max(min, Math.round(n ** power));
  return {
    publishers: grow(0.5, 3),
    series: Math.max(5, Math.round(n / 8)),
    characters: grow(0.7, 40),
    teams: grow(0.6, 10),
    locations: grow(0.55, 10),
    creators: grow(0.7, 30),
    storyArcs: grow(0.65, 10),
    seriesGroups: grow(0.4, 3),
  };
}

export function createVocabulary(count: number): Vocabulary {
  const people = FIRST_NAMES.length * LAST_NAMES.length;
  const publisher = (i: number) => mixed(i, [NOUNS, PUBLISHER_WORDS]);
  return {
    sizes: vocabularySizes(count),
    publisher,
    imprints: (p) => {
      const rng = createRng(deriveSeed(p, 17));
      const words = rng.sample(IMPRINT_WORDS, rng.pick([0, 0, 0, 0, 1, 1, 2, 3]));
      const brand = publisher(p).split(' ')[0];
      return words.map((w) => `${brand} ${w}`);
    },
    series: (i) => mixed(i, [ADJECTIVES, NOUNS, SERIES_SUFFIXES]),
    character: (i) => mixed(i, [TITLES, ADJECTIVES, NOUNS]),
    team: (i) => `The ${mixed(i, [ADJECTIVES, TEAM_WORDS])}`,
    location: (i) => mixed(i, [NOUNS, PLACE_WORDS]),
    creator: (i) =>
      i < people
        ? mixed(i, [FIRST_NAMES, LAST_NAMES])
        : mixed(i - people, [FIRST_NAMES, INITIALS.map((c) => `${c}.`), LAST_NAMES]),
    storyArc: (i) => `The ${mixed(i, [NOUNS, ARC_WORDS])}`,
    seriesGroup: (i) => mixed(i, [NOUNS, GROUP_WORDS]),
  };
}
