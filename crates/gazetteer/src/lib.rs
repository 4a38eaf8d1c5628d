//! An embedded gazetteer for news text: countries, first-level regions (US states with their AP
//! abbreviations, Canadian provinces, Indian states, …), world cities of at least 15,000 people,
//! and nationality adjectives.
//!
//! The tables are generated from [GeoNames](https://www.geonames.org/) (CC BY 4.0) by
//! `scripts/gazetteer/generate.py`, embedded in the binary, and parsed once, on first use, into
//! hash maps shared by every thread. Lookups ignore case and accents, so ALL-CAPS datelines work;
//! short all-caps codes (`US`, `UK`, `NSW`, `VA`) match only as written, so `us` and `in` stay
//! ordinary words.
//!
//! ```
//! use newsnlp_gazetteer::{Gazetteer, PlaceKind};
//!
//! let gaz = Gazetteer::get();
//! // Ambiguous names go to the most populous place unless the qualifier says otherwise.
//! assert_eq!(gaz.place("PARIS", None).unwrap().country, "FR");
//! let texas = gaz.place("Paris", Some("Texas")).unwrap();
//! assert_eq!((texas.country, texas.region), ("US", Some("Texas")));
//! // AP state abbreviations qualify a city.
//! let richmond = gaz.place("RICHMOND", Some("Va.")).unwrap();
//! assert_eq!((richmond.name, richmond.region), ("Richmond", Some("Virginia")));
//! assert_eq!(gaz.place("Britain", None).unwrap().kind, PlaceKind::Country);
//! assert!(gaz.is_nationality("Syrian") && gaz.is_country("U.S.") && !gaz.is_country("us"));
//! ```

// Looked up for every capitalised run of every document: a fast hasher, not SipHash.
use foldhash::HashMap;
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const REGIONS: &str = include_str!("../data/regions.tsv");
const CITIES: &str = include_str!("../data/cities.tsv");
const NATIONALITIES: &str = include_str!("../data/nationalities.tsv");

/// A country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub iso2: &'static str,
    pub name: &'static str,
    pub population: u64,
    pub capital: &'static str,
}

/// A first-level administrative region (state, province).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// ISO2 code of the country it belongs to.
    pub country: &'static str,
    /// The GeoNames admin1 code that ties cities to it (empty when unknown).
    pub admin1: &'static str,
    pub name: &'static str,
}

/// A city (GeoNames populated place of at least 15,000 people).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    pub name: &'static str,
    /// ISO2 country code.
    pub country: &'static str,
    /// GeoNames admin1 code.
    pub admin1: &'static str,
    pub population: u64,
}

/// What a [`Place`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    City,
    Region,
    Country,
}

/// A resolved place name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub kind: PlaceKind,
    /// The gazetteer's name (`Richmond`, `Virginia`, `United States`).
    pub name: &'static str,
    /// The region's name, for cities in a known region and for regions themselves.
    pub region: Option<&'static str>,
    /// ISO2 country code.
    pub country: &'static str,
    pub population: u64,
}

/// Indexes into the tables, by normalised name.
#[derive(Default)]
struct Index {
    /// Lowercased, accent-folded names and aliases.
    folded: HashMap<String, Vec<u32>>,
    /// Short all-caps codes, matched exactly as written.
    exact: HashMap<&'static str, Vec<u32>>,
}

impl Index {
    fn add(&mut self, name: &'static str, id: u32) {
        if name.is_empty() {
            return;
        }
        let list = if is_code(name) {
            self.exact.entry(name).or_default()
        } else {
            self.folded.entry(key(name)).or_default()
        };
        if !list.contains(&id) {
            list.push(id);
        }
    }

    fn get(&self, name: &str) -> &[u32] {
        let name = name.trim();
        if let Some(ids) = self.exact.get(name) {
            return ids;
        }
        // An all-caps query that is no code is a name in capitals (`SEOUL`): fall through.
        self.folded.get(&key(name)).map_or(&[], Vec::as_slice)
    }
}

/// The gazetteer: embedded tables and their indexes. Get the shared instance with
/// [`Gazetteer::get`].
pub struct Gazetteer {
    countries: Vec<Country>,
    regions: Vec<Region>,
    cities: Vec<City>,
    country_index: Index,
    region_index: Index,
    /// City ids, those matched by their primary name first, then by population.
    city_index: Index,
    nationalities: HashMap<String, u32>,
    country_by_iso: HashMap<&'static str, u32>,
    region_by_admin1: HashMap<(&'static str, &'static str), u32>,
}

impl Gazetteer {
    /// The shared gazetteer, parsed from the embedded tables on first call.
    pub fn get() -> &'static Gazetteer {
        static GAZ: OnceLock<Gazetteer> = OnceLock::new();
        GAZ.get_or_init(Gazetteer::parse)
    }

    fn parse() -> Gazetteer {
        let mut g = Gazetteer {
            countries: Vec::new(),
            regions: Vec::new(),
            cities: Vec::new(),
            country_index: Index::default(),
            region_index: Index::default(),
            city_index: Index::default(),
            nationalities: HashMap::default(),
            country_by_iso: HashMap::default(),
            region_by_admin1: HashMap::default(),
        };
        for f in rows(COUNTRIES) {
            let id = g.countries.len() as u32;
            let (iso2, name) = (field(&f, 0), field(&f, 1));
            g.countries.push(Country {
                iso2,
                name,
                population: field(&f, 2).parse().unwrap_or(0),
                capital: field(&f, 3),
            });
            g.country_by_iso.insert(iso2, id);
            g.country_index.add(name, id);
            aliases(&f, 4).for_each(|a| g.country_index.add(a, id));
        }
        for f in rows(REGIONS) {
            let id = g.regions.len() as u32;
            let region = Region {
                country: field(&f, 0),
                admin1: field(&f, 1),
                name: field(&f, 2),
            };
            g.region_index.add(region.name, id);
            aliases(&f, 3).for_each(|a| g.region_index.add(a, id));
            for code in aliases(&f, 4) {
                g.region_index.exact.entry(code).or_default().push(id);
            }
            if !region.admin1.is_empty() {
                g.region_by_admin1
                    .entry((region.country, region.admin1))
                    .or_insert(id);
            }
            g.regions.push(region);
        }
        // Primary names first so that a town's own name beats another city's alternate spelling;
        // within each pass the table order (most populous first) is kept.
        let city_rows: Vec<[&'static str; COLUMNS]> = rows(CITIES).collect();
        for (id, f) in city_rows.iter().enumerate() {
            let name = field(f, 0);
            g.cities.push(City {
                name,
                country: field(f, 1),
                admin1: field(f, 2),
                population: field(f, 3).parse().unwrap_or(0),
            });
            g.city_index.add(name, id as u32);
        }
        for (id, f) in city_rows.iter().enumerate() {
            aliases(f, 4).for_each(|a| g.city_index.add(a, id as u32));
        }
        for f in rows(NATIONALITIES) {
            if let Some(&c) = g.country_by_iso.get(field(&f, 1)) {
                g.nationalities.insert(key(field(&f, 0)), c);
            }
        }
        g
    }

    /// The country with this name, alias (`Britain`, `U.S.`) or all-caps code alias (`UK`).
    pub fn country(&self, name: &str) -> Option<&Country> {
        self.country_index
            .get(name)
            .first()
            .map(|&i| &self.countries[i as usize])
    }

    /// The country with this ISO 3166-1 alpha-2 code.
    pub fn country_by_iso(&self, iso2: &str) -> Option<&Country> {
        self.country_by_iso
            .get(iso2)
            .map(|&i| &self.countries[i as usize])
    }

    /// Regions with this name, alias (`Calif.`, `Orissa`) or code (`VA`, `NSW`); one name may
    /// belong to regions of several countries (`Punjab`).
    pub fn regions(&self, name: &str) -> impl Iterator<Item = &Region> + '_ {
        self.region_index
            .get(name)
            .iter()
            .map(|&i| &self.regions[i as usize])
    }

    /// The first region with this name (see [`Gazetteer::regions`]).
    pub fn region(&self, name: &str) -> Option<&Region> {
        self.regions(name).next()
    }

    /// Cities with this name or alias: exact names first, then by population.
    pub fn cities(&self, name: &str) -> impl Iterator<Item = &City> + '_ {
        self.city_index
            .get(name)
            .iter()
            .map(|&i| &self.cities[i as usize])
    }

    /// The region a city lies in, when the gazetteer knows it.
    pub fn region_of(&self, city: &City) -> Option<&Region> {
        self.region_by_admin1
            .get(&(city.country, city.admin1))
            .map(|&i| &self.regions[i as usize])
    }

    /// The country a nationality adjective or plural demonym refers to (`Syrian`, `Russians`).
    pub fn nationality(&self, word: &str) -> Option<&Country> {
        self.nationalities
            .get(&key(word))
            .map(|&i| &self.countries[i as usize])
    }

    pub fn is_country(&self, name: &str) -> bool {
        self.country(name).is_some()
    }

    pub fn is_region(&self, name: &str) -> bool {
        self.region(name).is_some()
    }

    pub fn is_city(&self, name: &str) -> bool {
        self.cities(name).next().is_some()
    }

    pub fn is_nationality(&self, word: &str) -> bool {
        self.nationality(word).is_some()
    }

    /// Resolves a place name, with an optional qualifier (a region or country: `Paris, Texas`,
    /// `RICHMOND, Va.`, `Bhopal (Madhya Pradesh)`).
    ///
    /// Without a qualifier a country name wins, then the most populous city, then a region.
    /// With a qualifier only places inside it count; `None` when nothing matches both.
    pub fn place(&self, name: &str, qualifier: Option<&str>) -> Option<Place> {
        let Some(q) = qualifier.map(str::trim).filter(|q| !q.is_empty()) else {
            return self
                .country(name)
                .map(|c| self.country_place(c))
                .or_else(|| self.cities(name).next().map(|c| self.city_place(c)))
                .or_else(|| self.region(name).map(|r| self.region_place(r)));
        };
        let in_regions: Vec<&Region> = self.regions(q).collect();
        let in_country = self.country(q);
        let inside = |country: &str, admin1: Option<&str>| {
            in_country.is_some_and(|c| c.iso2 == country)
                || in_regions.iter().any(|r| {
                    r.country == country && admin1.is_some_and(|a| !a.is_empty() && a == r.admin1)
                })
        };
        self.cities(name)
            .find(|c| inside(c.country, Some(c.admin1)))
            .map(|c| self.city_place(c))
            .or_else(|| {
                self.regions(name)
                    .find(|r| inside(r.country, None))
                    .map(|r| self.region_place(r))
            })
    }

    fn country_place(&self, c: &Country) -> Place {
        Place {
            kind: PlaceKind::Country,
            name: c.name,
            region: None,
            country: c.iso2,
            population: c.population,
        }
    }

    fn city_place(&self, c: &City) -> Place {
        Place {
            kind: PlaceKind::City,
            name: c.name,
            region: self.region_of(c).map(|r| r.name),
            country: c.country,
            population: c.population,
        }
    }

    fn region_place(&self, r: &Region) -> Place {
        let population = self
            .cities
            .iter()
            .filter(|c| c.country == r.country && !r.admin1.is_empty() && c.admin1 == r.admin1)
            .map(|c| c.population)
            .sum();
        Place {
            kind: PlaceKind::Region,
            name: r.name,
            region: Some(r.name),
            country: r.country,
            population,
        }
    }
}

/// True for short all-caps codes (`US`, `NSW`, `J&K`) that must match as written.
fn is_code(s: &str) -> bool {
    s.len() <= 5
        && s.chars().any(|c| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_uppercase() || c == '&')
}

/// The lookup key: lowercase, accents removed, curly apostrophes straightened, spaces collapsed.
fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        // Most names are plain ASCII, where folding is lower-casing (74,000 keys at start-up).
        if word.is_ascii() && !word.contains('`') {
            let start = out.len();
            out.push_str(word);
            out[start..].make_ascii_lowercase();
            continue;
        }
        for c in word.chars() {
            match fold_char(c) {
                Some(f) => out.push(f),
                None => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// Folds the Latin letters with diacritics common in place names to their base letter.
fn fold_char(c: char) -> Option<char> {
    let f = match c {
        '’' | '‘' | '`' | 'ʻ' | 'ʼ' => '\'',
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => 'a',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => 'c',
        'Ď' | 'ď' | 'Đ' | 'đ' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => 'e',
        'Ğ' | 'ğ' | 'Ģ' | 'ģ' => 'g',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'İ' | 'ı' | 'Į' | 'į' => 'i',
        'Ķ' | 'ķ' => 'k',
        'Ł' | 'ł' | 'Ľ' | 'ľ' | 'Ļ' | 'ļ' => 'l',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' | 'Ņ' | 'ņ' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => 'o',
        'Ř' | 'ř' => 'r',
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' | 'Ș' | 'ș' => 's',
        'Ť' | 'ť' | 'Ţ' | 'ţ' | 'Ț' | 'ț' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => 'u',
        'Ý' | 'ý' | 'ÿ' => 'y',
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => 'z',
        _ => return None,
    };
    Some(f)
}

/// Columns of the widest table.
const COLUMNS: usize = 5;

/// The data rows of a table: lines that are not `#` comments, split on tabs (missing columns
/// are empty, extra ones ignored).
fn rows(table: &'static str) -> impl Iterator<Item = [&'static str; COLUMNS]> {
    table
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut row = [""; COLUMNS];
            row.iter_mut().zip(l.split('\t')).for_each(|(f, v)| *f = v);
            row
        })
}

fn field(row: &[&'static str], i: usize) -> &'static str {
    row.get(i).copied().unwrap_or("")
}

fn aliases<'a>(row: &'a [&'static str], i: usize) -> impl Iterator<Item = &'static str> + 'a {
    field(row, i).split('|').filter(|a| !a.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> &'static Gazetteer {
        Gazetteer::get()
    }

    #[test]
    fn most_populous_city_wins_without_qualifier() {
        let p = gaz().place("LONDON", None).unwrap();
        assert_eq!(
            (p.kind, p.country, p.region),
            (PlaceKind::City, "GB", Some("England"))
        );
        let p = gaz().place("London", Some("Ontario")).unwrap();
        assert_eq!((p.country, p.region), ("CA", Some("Ontario")));
    }

    #[test]
    fn qualifiers_by_region_code_abbreviation_and_country() {
        let p = gaz().place("Portland", Some("Maine")).unwrap();
        assert_eq!((p.country, p.region), ("US", Some("Maine")));
        let p = gaz().place("PORTLAND", Some("Ore.")).unwrap();
        assert_eq!(p.region, Some("Oregon"));
        let p = gaz().place("Bhopal", Some("Madhya Pradesh")).unwrap();
        assert_eq!((p.name, p.country), ("Bhopal", "IN"));
        let p = gaz().place("Hyderabad", Some("Pakistan")).unwrap();
        assert_eq!(p.country, "PK");
        assert_eq!(gaz().place("Hyderabad", None).unwrap().country, "IN");
        let p = gaz().place("SEOUL", Some("South Korea")).unwrap();
        assert_eq!(p.country, "KR");
        // A qualifier that contradicts every candidate gives nothing rather than a wrong place.
        assert_eq!(gaz().place("Seoul", Some("Texas")), None);
    }

    #[test]
    fn accents_case_and_exonyms() {
        assert_eq!(gaz().place("SAO PAULO", None).unwrap().name, "São Paulo");
        assert_eq!(gaz().place("Kiev", None).unwrap().name, "Kyiv");
        assert_eq!(gaz().place("XI'AN", None).unwrap().country, "CN");
        assert_eq!(
            gaz().place("WASHINGTON", None).unwrap().region,
            Some("District of Columbia")
        );
    }

    #[test]
    fn countries_and_their_aliases() {
        for (name, iso) in [
            ("U.S.", "US"),
            ("Britain", "GB"),
            ("UK", "GB"),
            ("SOUTH KOREA", "KR"),
            ("Ivory Coast", "CI"),
            ("Burma", "MM"),
            ("the Netherlands", "NL"),
            ("Russia", "RU"),
        ] {
            assert_eq!(gaz().country(name).map(|c| c.iso2), Some(iso), "{name}");
        }
        assert_eq!(
            gaz().place("Georgia", None).unwrap().kind,
            PlaceKind::Country
        );
    }

    #[test]
    fn short_codes_are_case_sensitive() {
        assert!(gaz().is_country("US") && !gaz().is_country("us") && !gaz().is_country("Us"));
        assert!(gaz().is_region("VA") && !gaz().is_region("in") && !gaz().is_region("or"));
        assert!(gaz().is_region("N.J.") && gaz().is_region("calif."));
    }

    #[test]
    fn nationalities() {
        assert_eq!(gaz().nationality("Russian").map(|c| c.iso2), Some("RU"));
        assert_eq!(gaz().nationality("FRENCH").map(|c| c.iso2), Some("FR"));
        assert_eq!(gaz().nationality("Syrians").map(|c| c.iso2), Some("SY"));
        assert!(!gaz().is_nationality("Moscow"));
    }

    #[test]
    fn regions_link_cities() {
        let r = gaz().region("Calif.").unwrap();
        assert_eq!((r.name, r.country), ("California", "US"));
        let punjab: Vec<&str> = gaz().regions("Punjab").map(|r| r.country).collect();
        assert!(punjab.contains(&"IN") && punjab.contains(&"PK"));
        let la = gaz().cities("Los Angeles").next().unwrap();
        assert_eq!(gaz().region_of(la).map(|r| r.name), Some("California"));
    }

    #[test]
    fn keys_fold_case_accents_apostrophes_and_spaces() {
        assert_eq!(key("  New   YORK "), "new york");
        assert_eq!(key("Xi`an"), "xi'an");
        assert_eq!(key("SÃO Paulo"), "sao paulo");
        assert_eq!(key("Côte d’Ivoire"), "cote d'ivoire");
    }

    #[test]
    fn unknown_names() {
        assert_eq!(gaz().place("Xqzzyville", None), None);
        assert!(!gaz().is_city(""));
    }
}
