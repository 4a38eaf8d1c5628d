//! Story openings written for these tests, one table row each: the text, the publication date,
//! and every field the dateline must have (or `null` for the traps).

use newsnlp_dateline::DatelineParser;

/// The expected dateline: span text, location, ISO date, date words, agency.
struct Want {
    span: &'static str,
    location: Option<&'static str>,
    date: Option<&'static str>,
    date_text: Option<&'static str>,
    agency: Option<&'static str>,
}

const fn want(
    span: &'static str,
    location: Option<&'static str>,
    date: Option<&'static str>,
    date_text: Option<&'static str>,
    agency: Option<&'static str>,
) -> Want {
    Want {
        span,
        location,
        date,
        date_text,
        agency,
    }
}

fn check(rows: &[(&str, Option<&str>, Want)]) {
    let parser = DatelineParser::new();
    let mut failures = Vec::new();
    for (text, published, w) in rows {
        let got = parser.parse(text, *published);
        let Some(d) = got else {
            failures.push(format!("no dateline in {text:?}"));
            continue;
        };
        let span = &text[d.span.start..d.span.end];
        let written = |s: Option<newsnlp_doc::Span>| s.map(|s| &text[s.range()]);
        let parts_inside = [d.location_span, d.date_span, d.agency_span]
            .into_iter()
            .flatten()
            .all(|s| d.span.contains(s));
        if written(d.location_span) != d.location.as_deref()
            || written(d.date_span) != d.date_text.as_deref()
            || d.agency_span.is_some() != d.agency.is_some()
            || !parts_inside
        {
            failures.push(format!("{text:?}: part spans disagree with {d:?}"));
        }
        let fields = (
            span,
            d.location.as_deref(),
            d.date.as_deref(),
            d.date_text.as_deref(),
            d.agency.as_deref(),
        );
        let expected = (w.span, w.location, w.date, w.date_text, w.agency);
        if fields != expected {
            failures.push(format!(
                "{text:?}\n   got  {fields:?}\n   want {expected:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} wrong:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

const P16: Option<&str> = Some("2016-11-24");

#[test]
fn reuters() {
    check(&[
        (
            "LONDON, March 26 (Reuters) - Sterling fell on Thursday.",
            Some("2026-03-26"),
            want(
                "LONDON, March 26 (Reuters) -",
                Some("LONDON"),
                Some("2026-03-26"),
                Some("March 26"),
                Some("Reuters"),
            ),
        ),
        (
            "Oil slips\n\nWASHINGTON (Reuters) - U.S. crude stocks rose last week.",
            P16,
            want(
                "WASHINGTON (Reuters) -",
                Some("WASHINGTON"),
                None,
                None,
                Some("Reuters"),
            ),
        ),
        (
            "TOKYO, Nov 24 (Reuters) - The yen weakened.",
            P16,
            want(
                "TOKYO, Nov 24 (Reuters) -",
                Some("TOKYO"),
                Some("2016-11-24"),
                Some("Nov 24"),
                Some("Reuters"),
            ),
        ),
        (
            "BANK RAISES RATES\n    OSLO, March 12, Reuter - Norway's central bank raised rates.",
            Some("1987-03-12"),
            want(
                "OSLO, March 12, Reuter -",
                Some("OSLO"),
                Some("1987-03-12"),
                Some("March 12"),
                Some("Reuters"),
            ),
        ),
    ]);
}

#[test]
fn associated_press() {
    check(&[
        ("Virginia lawmakers approve bridge fund\n\nRICHMOND, Va. (AP) — Virginia lawmakers on Tuesday approved it.", Some("2024-02-13"),
         want("RICHMOND, Va. (AP) —", Some("RICHMOND, Va."), None, None, Some("AP"))),
        ("NEW YORK (AP) — Stocks rallied on Wall Street.", None,
         want("NEW YORK (AP) —", Some("NEW YORK"), None, None, Some("AP"))),
        ("JACKSON, Miss. (AP) — A judge blocked the law on Friday.", None,
         want("JACKSON, Miss. (AP) —", Some("JACKSON, Miss."), None, None, Some("AP"))),
        ("TRENTON, N.J. (AP) — The governor signed the budget.", None,
         want("TRENTON, N.J. (AP) —", Some("TRENTON, N.J."), None, None, Some("AP"))),
        ("ST. LOUIS, Mo. (AP) — Flood waters rose along the river.", None,
         want("ST. LOUIS, Mo. (AP) —", Some("ST. LOUIS, Mo."), None, None, Some("AP"))),
        ("SACRAMENTO, Calif. (AP) — Wildfire crews gained ground.", None,
         want("SACRAMENTO, Calif. (AP) —", Some("SACRAMENTO, Calif."), None, None, Some("AP"))),
        ("UNITED NATIONS (AP) — The General Assembly voted on Friday.", None,
         want("UNITED NATIONS (AP) —", Some("UNITED NATIONS"), None, None, Some("AP"))),
        ("BOSTON (AP) _ The Red Sox won again on Sunday.", None,
         want("BOSTON (AP) _", Some("BOSTON"), None, None, Some("AP"))),
    ]);
}

#[test]
fn afp_upi_bloomberg_cnn_pa_cp() {
    check(&[
        (
            "PARIS, Nov 24, 2016 (AFP) - French Foreign Minister spoke.",
            None,
            want(
                "PARIS, Nov 24, 2016 (AFP) -",
                Some("PARIS"),
                Some("2016-11-24"),
                Some("Nov 24, 2016"),
                Some("AFP"),
            ),
        ),
        (
            "Kabul (AFP) - A blast struck the capital on Monday.",
            None,
            want("Kabul (AFP) -", Some("Kabul"), None, None, Some("AFP")),
        ),
        (
            "NAIROBI, Kenya (AFP) – Police fired tear gas at protesters.",
            None,
            want(
                "NAIROBI, Kenya (AFP) –",
                Some("NAIROBI, Kenya"),
                None,
                None,
                Some("AFP"),
            ),
        ),
        (
            "WASHINGTON, Jan. 5 (UPI) -- The Senate on Monday confirmed her.",
            Some("2026-01-05"),
            want(
                "WASHINGTON, Jan. 5 (UPI) --",
                Some("WASHINGTON"),
                Some("2026-01-05"),
                Some("Jan. 5"),
                Some("UPI"),
            ),
        ),
        (
            "CHICAGO, Sept. 3 (UPI) -- Commodity prices fell.",
            Some("1990-09-04"),
            want(
                "CHICAGO, Sept. 3 (UPI) --",
                Some("CHICAGO"),
                Some("1990-09-03"),
                Some("Sept. 3"),
                Some("UPI"),
            ),
        ),
        (
            "LOS ANGELES (UPI) -- The studio announced a sequel.",
            None,
            want(
                "LOS ANGELES (UPI) --",
                Some("LOS ANGELES"),
                None,
                None,
                Some("UPI"),
            ),
        ),
        (
            "(Bloomberg) -- Treasuries rose as traders weighed the data.",
            None,
            want("(Bloomberg) --", None, None, None, Some("Bloomberg")),
        ),
        (
            "TOKYO (Bloomberg) -- Japanese stocks fell.",
            None,
            want(
                "TOKYO (Bloomberg) --",
                Some("TOKYO"),
                None,
                None,
                Some("Bloomberg"),
            ),
        ),
        (
            "FRANKFURT, Nov 24 (Bloomberg) -- The euro slid.",
            P16,
            want(
                "FRANKFURT, Nov 24 (Bloomberg) --",
                Some("FRANKFURT"),
                Some("2016-11-24"),
                Some("Nov 24"),
                Some("Bloomberg"),
            ),
        ),
        (
            "Washington (CNN)The White House said Tuesday it would act.",
            None,
            want(
                "Washington (CNN)",
                Some("Washington"),
                None,
                None,
                Some("CNN"),
            ),
        ),
        (
            "Hong Kong (CNN) — Protesters gathered again.",
            None,
            want(
                "Hong Kong (CNN) —",
                Some("Hong Kong"),
                None,
                None,
                Some("CNN"),
            ),
        ),
        (
            "Atlanta (CNN) - Storms swept the region.",
            None,
            want("Atlanta (CNN) -", Some("Atlanta"), None, None, Some("CNN")),
        ),
        (
            "Marco Rubio's strategic stances.\n\nRYE, N.H. - State Rep. Rio Tilton is sure.",
            None,
            want("RYE, N.H. -", Some("RYE, N.H."), None, None, None),
        ),
        (
            "Washington (CNN) The Senate voted late Tuesday.",
            None,
            want(
                "Washington (CNN)",
                Some("Washington"),
                None,
                None,
                Some("CNN"),
            ),
        ),
        (
            "Hong Kong (CNN Business) Shares in Asia fell on Monday.",
            None,
            want(
                "Hong Kong (CNN Business)",
                Some("Hong Kong"),
                None,
                None,
                Some("CNN"),
            ),
        ),
        (
            "LONDON (PA) - Ministers met union leaders.",
            None,
            want("LONDON (PA) -", Some("LONDON"), None, None, Some("PA")),
        ),
        (
            "Manchester (PA) - Police made two arrests.",
            None,
            want(
                "Manchester (PA) -",
                Some("Manchester"),
                None,
                None,
                Some("PA"),
            ),
        ),
        (
            "CARDIFF, Nov 24 (PA) - The Welsh assembly voted.",
            P16,
            want(
                "CARDIFF, Nov 24 (PA) -",
                Some("CARDIFF"),
                Some("2016-11-24"),
                Some("Nov 24"),
                Some("PA"),
            ),
        ),
        (
            "OTTAWA (CP) — The federal government tabled its budget.",
            None,
            want(
                "OTTAWA (CP) —",
                Some("OTTAWA"),
                None,
                None,
                Some("Canadian Press"),
            ),
        ),
        (
            "HALIFAX (CP) - Fishermen protested at the wharf.",
            None,
            want(
                "HALIFAX (CP) -",
                Some("HALIFAX"),
                None,
                None,
                Some("Canadian Press"),
            ),
        ),
        (
            "TORONTO, Jan. 3 (Canadian Press) - The TSX rose.",
            Some("2017-01-03"),
            want(
                "TORONTO, Jan. 3 (Canadian Press) -",
                Some("TORONTO"),
                Some("2017-01-03"),
                Some("Jan. 3"),
                Some("Canadian Press"),
            ),
        ),
    ]);
}

#[test]
fn russian_agencies() {
    check(&[
        (
            "MOSCOW, November 24. /TASS/. The West's failure to condemn it.",
            P16,
            want(
                "MOSCOW, November 24. /TASS/.",
                Some("MOSCOW"),
                Some("2016-11-24"),
                Some("November 24"),
                Some("TASS"),
            ),
        ),
        (
            "ST. PETERSBURG, June 2. /TASS/. The forum opened on Thursday.",
            Some("2016-06-02"),
            want(
                "ST. PETERSBURG, June 2. /TASS/.",
                Some("ST. PETERSBURG"),
                Some("2016-06-02"),
                Some("June 2"),
                Some("TASS"),
            ),
        ),
        (
            "МОСКВА, 24 ноября. /ТАСС/. Запад не осудил применение химического оружия.",
            P16,
            want(
                "МОСКВА, 24 ноября. /ТАСС/.",
                Some("МОСКВА"),
                Some("2016-11-24"),
                Some("24 ноября"),
                Some("TASS"),
            ),
        ),
        (
            "KALININGRAD, March 1. /ITAR-TASS/. Port traffic grew.",
            Some("2012-03-01"),
            want(
                "KALININGRAD, March 1. /ITAR-TASS/.",
                Some("KALININGRAD"),
                Some("2012-03-01"),
                Some("March 1"),
                Some("TASS"),
            ),
        ),
        (
            "MOSCOW, 15 July. /RIA Novosti/. Russia's central bank cut its key rate.",
            Some("2022-07-15"),
            want(
                "MOSCOW, 15 July. /RIA Novosti/.",
                Some("MOSCOW"),
                Some("2022-07-15"),
                Some("15 July"),
                Some("RIA Novosti"),
            ),
        ),
        (
            "MOSCOW, November 24 (RIA Novosti) - The ministry said.",
            P16,
            want(
                "MOSCOW, November 24 (RIA Novosti) -",
                Some("MOSCOW"),
                Some("2016-11-24"),
                Some("November 24"),
                Some("RIA Novosti"),
            ),
        ),
        (
            "МОСКВА, 15 июл — РИА Новости. Центробанк снизил ставку.",
            Some("2022-07-15"),
            want(
                "МОСКВА, 15 июл — РИА Новости.",
                Some("МОСКВА"),
                Some("2022-07-15"),
                Some("15 июл"),
                Some("RIA Novosti"),
            ),
        ),
        (
            "MOSCOW. Nov 24 (Interfax) - Gazprom raised exports.",
            P16,
            want(
                "MOSCOW. Nov 24 (Interfax) -",
                Some("MOSCOW"),
                Some("2016-11-24"),
                Some("Nov 24"),
                Some("Interfax"),
            ),
        ),
        (
            "KYIV. Feb 3 (Interfax-Ukraine) - Parliament passed the bill.",
            Some("2021-02-03"),
            want(
                "KYIV. Feb 3 (Interfax-Ukraine) -",
                Some("KYIV"),
                Some("2021-02-03"),
                Some("Feb 3"),
                Some("Interfax"),
            ),
        ),
        (
            "ST. PETERSBURG, Dec 1 (Interfax) - The port reported growth.",
            Some("2020-12-01"),
            want(
                "ST. PETERSBURG, Dec 1 (Interfax) -",
                Some("ST. PETERSBURG"),
                Some("2020-12-01"),
                Some("Dec 1"),
                Some("Interfax"),
            ),
        ),
        (
            "Москва. 24 ноября. INTERFAX.RU - Правительство одобрило проект бюджета.",
            P16,
            want(
                "Москва. 24 ноября. INTERFAX.RU -",
                Some("Москва"),
                Some("2016-11-24"),
                Some("24 ноября"),
                Some("Interfax"),
            ),
        ),
        (
            "Baku. 24 November. REPORT.AZ/ Azerbaijan's president met the delegation.",
            P16,
            want(
                "Baku. 24 November. REPORT.AZ/",
                Some("Baku"),
                Some("2016-11-24"),
                Some("24 November"),
                Some("Report"),
            ),
        ),
        (
            "Baku, November 24, APA. The parliament approved the budget.",
            P16,
            want(
                "Baku, November 24, APA.",
                Some("Baku"),
                Some("2016-11-24"),
                Some("November 24"),
                Some("APA"),
            ),
        ),
        (
            "Tehran (IP) - Iran's foreign minister met his Omani counterpart.",
            None,
            want(
                "Tehran (IP) -",
                Some("Tehran"),
                None,
                None,
                Some("Iran Press"),
            ),
        ),
        (
            "MOSCOW (Sputnik) - The Kremlin said talks would continue.",
            None,
            want(
                "MOSCOW (Sputnik) -",
                Some("MOSCOW"),
                None,
                None,
                Some("Sputnik"),
            ),
        ),
        (
            "WASHINGTON, March 3 (Sputnik) - The Pentagon said.",
            Some("2018-03-03"),
            want(
                "WASHINGTON, March 3 (Sputnik) -",
                Some("WASHINGTON"),
                Some("2018-03-03"),
                Some("March 3"),
                Some("Sputnik"),
            ),
        ),
        (
            "BEIJING (Sputnik) — China's trade surplus widened.",
            None,
            want(
                "BEIJING (Sputnik) —",
                Some("BEIJING"),
                None,
                None,
                Some("Sputnik"),
            ),
        ),
        (
            "Москва. 15 июля. Центробанк снизил ключевую ставку.",
            Some("2022-07-16"),
            want(
                "Москва. 15 июля.",
                Some("Москва"),
                Some("2022-07-15"),
                Some("15 июля"),
                None,
            ),
        ),
    ]);
}

#[test]
fn asian_agencies() {
    check(&[
        ("BEIJING, Nov. 24 (Xinhua) -- China's exports rose.", P16,
         want("BEIJING, Nov. 24 (Xinhua) --", Some("BEIJING"), Some("2016-11-24"), Some("Nov. 24"), Some("Xinhua"))),
        ("NAIROBI, Jan. 3 (Xinhua) -- Kenya's inflation eased.", Some("2017-01-03"),
         want("NAIROBI, Jan. 3 (Xinhua) --", Some("NAIROBI"), Some("2017-01-03"), Some("Jan. 3"), Some("Xinhua"))),
        ("UNITED NATIONS, May 5 (Xinhua) -- The Security Council met.", Some("2019-05-05"),
         want("UNITED NATIONS, May 5 (Xinhua) --", Some("UNITED NATIONS"), Some("2019-05-05"), Some("May 5"), Some("Xinhua"))),
        ("TOKYO, Nov. 24 (Kyodo) -- Japan's cabinet approved the plan.", P16,
         want("TOKYO, Nov. 24 (Kyodo) --", Some("TOKYO"), Some("2016-11-24"), Some("Nov. 24"), Some("Kyodo"))),
        ("TOKYO, Nov. 24 Kyodo\nJapan's cabinet approved the plan on Thursday.", P16,
         want("TOKYO, Nov. 24 Kyodo", Some("TOKYO"), Some("2016-11-24"), Some("Nov. 24"), Some("Kyodo"))),
        ("OSAKA (Kyodo) -- A magnitude 5 quake jolted the region.", None,
         want("OSAKA (Kyodo) --", Some("OSAKA"), None, None, Some("Kyodo"))),
        ("NAHA, Japan, Feb. 2 Kyodo - Base workers went on strike.", Some("2000-02-02"),
         want("NAHA, Japan, Feb. 2 Kyodo -", Some("NAHA, Japan"), Some("2000-02-02"), Some("Feb. 2"), Some("Kyodo"))),
        ("Photo: Workers inspect a damaged ferry. (Yonhap)\nBy Kim Min-jun\nUpdated 14:32 KST, 12 May 2023\nShare on Facebook Share on Twitter\nSEOUL, May 12 (Yonhap) -- South Korea will tighten ferry rules.", Some("2023-05-12"),
         want("SEOUL, May 12 (Yonhap) --", Some("SEOUL"), Some("2023-05-12"), Some("May 12"), Some("Yonhap"))),
        ("BUSAN, Oct. 3 (Yonhap) -- The film festival opened.", Some("2019-10-03"),
         want("BUSAN, Oct. 3 (Yonhap) --", Some("BUSAN"), Some("2019-10-03"), Some("Oct. 3"), Some("Yonhap"))),
        ("SEJONG, Feb. 1 (Yonhap) -- Exports rose for a third month.", Some("2021-02-01"),
         want("SEJONG, Feb. 1 (Yonhap) --", Some("SEJONG"), Some("2021-02-01"), Some("Feb. 1"), Some("Yonhap"))),
        ("KUALA LUMPUR, Nov 24 (Bernama) -- The ringgit opened higher.", P16,
         want("KUALA LUMPUR, Nov 24 (Bernama) --", Some("KUALA LUMPUR"), Some("2016-11-24"), Some("Nov 24"), Some("Bernama"))),
        ("PUTRAJAYA, Jan 3 (Bernama) -- The ministry announced aid.", Some("2018-01-03"),
         want("PUTRAJAYA, Jan 3 (Bernama) --", Some("PUTRAJAYA"), Some("2018-01-03"), Some("Jan 3"), Some("Bernama"))),
        ("KOTA KINABALU, Sabah (Bernama) -- Floods hit two districts.", None,
         want("KOTA KINABALU, Sabah (Bernama) --", Some("KOTA KINABALU, Sabah"), None, None, Some("Bernama"))),
        ("Jakarta (ANTARA) - Indonesia's central bank held rates.", None,
         want("Jakarta (ANTARA) -", Some("Jakarta"), None, None, Some("Antara"))),
        ("Jakarta, Nov 24 (ANTARA) - The rupiah strengthened.", P16,
         want("Jakarta, Nov 24 (ANTARA) -", Some("Jakarta"), Some("2016-11-24"), Some("Nov 24"), Some("Antara"))),
        ("Denpasar, Bali (ANTARA) - Tourist arrivals rose.", None,
         want("Denpasar, Bali (ANTARA) -", Some("Denpasar, Bali"), None, None, Some("Antara"))),
        ("MANILA, Nov. 24 (PNA) -- The Senate approved the budget.", P16,
         want("MANILA, Nov. 24 (PNA) --", Some("MANILA"), Some("2016-11-24"), Some("Nov. 24"), Some("PNA"))),
        ("DAVAO CITY, Jan. 3 (PNA) -- Police arrested three.", Some("2020-01-03"),
         want("DAVAO CITY, Jan. 3 (PNA) --", Some("DAVAO CITY"), Some("2020-01-03"), Some("Jan. 3"), Some("PNA"))),
        ("Singapore, Nov 24 (The Straits Times/ANN) - Property prices fell.", P16,
         want("Singapore, Nov 24 (The Straits Times/ANN) -", Some("Singapore"), Some("2016-11-24"), Some("Nov 24"), Some("The Straits Times/ANN"))),
        ("WASHINGTON/NEW YORK (Reuters) - The Fed held rates.", None,
         want("WASHINGTON/NEW YORK (Reuters) -", Some("WASHINGTON/NEW YORK"), None, None, Some("Reuters"))),
        ("PORT-AU-PRINCE, Haiti (AP) — Gangs blocked the road.", None,
         want("PORT-AU-PRINCE, Haiti (AP) —", Some("PORT-AU-PRINCE, Haiti"), None, None, Some("AP"))),
        ("CEBU CITY (PNA) -- The province declared a holiday.", None,
         want("CEBU CITY (PNA) --", Some("CEBU CITY"), None, None, Some("PNA"))),
    ]);
}

#[test]
fn south_asian_agencies() {
    check(&[
        ("New Delhi, Nov 24 (PTI) The government on Thursday said it would act.", P16,
         want("New Delhi, Nov 24 (PTI)", Some("New Delhi"), Some("2016-11-24"), Some("Nov 24"), Some("PTI"))),
        ("MUMBAI, Jan 3 (PTI) - The Sensex rose 300 points.", Some("2017-01-03"),
         want("MUMBAI, Jan 3 (PTI) -", Some("MUMBAI"), Some("2017-01-03"), Some("Jan 3"), Some("PTI"))),
        ("Kolkata, Mar 5 (PTI): The state government announced relief.", Some("2019-03-05"),
         want("Kolkata, Mar 5 (PTI):", Some("Kolkata"), Some("2019-03-05"), Some("Mar 5"), Some("PTI"))),
        ("New Delhi, Nov 24 (IANS) The Supreme Court on Thursday heard the plea.", P16,
         want("New Delhi, Nov 24 (IANS)", Some("New Delhi"), Some("2016-11-24"), Some("Nov 24"), Some("IANS"))),
        ("Mumbai, Jan 3 (IANS) Actor Rahul Verma said.", Some("2017-01-03"),
         want("Mumbai, Jan 3 (IANS)", Some("Mumbai"), Some("2017-01-03"), Some("Jan 3"), Some("IANS"))),
        ("Chennai, Feb 9 (IANS) - Rains lashed the city.", Some("2015-02-09"),
         want("Chennai, Feb 9 (IANS) -", Some("Chennai"), Some("2015-02-09"), Some("Feb 9"), Some("IANS"))),
        ("New Delhi [India], Nov 24 (ANI): The Congress party said.", P16,
         want("New Delhi [India], Nov 24 (ANI):", Some("New Delhi [India]"), Some("2016-11-24"), Some("Nov 24"), Some("ANI"))),
        ("Srinagar (Jammu and Kashmir) [India], Jan 5 (ANI): Snowfall closed the highway.", Some("2020-01-05"),
         want("Srinagar (Jammu and Kashmir) [India], Jan 5 (ANI):", Some("Srinagar (Jammu and Kashmir) [India]"), Some("2020-01-05"), Some("Jan 5"), Some("ANI"))),
        ("Lucknow (Uttar Pradesh) [India], March 2 (ANI): Police said.", Some("2021-03-02"),
         want("Lucknow (Uttar Pradesh) [India], March 2 (ANI):", Some("Lucknow (Uttar Pradesh) [India]"), Some("2021-03-02"), Some("March 2"), Some("ANI"))),
        ("Bhopal (Madhya Pradesh): Madhya Pradesh Chief Minister said the state would build schools.", Some("2023-11-04"),
         want("Bhopal (Madhya Pradesh):", Some("Bhopal (Madhya Pradesh)"), None, None, None)),
        ("ISLAMABAD, Nov 24 (APP): Prime Minister chaired a meeting.", P16,
         want("ISLAMABAD, Nov 24 (APP):", Some("ISLAMABAD"), Some("2016-11-24"), Some("Nov 24"), Some("APP"))),
    ]);
}

#[test]
fn middle_eastern_and_turkish_agencies() {
    check(&[
        (
            "ANKARA (AA) - Turkey's parliament approved the motion.",
            None,
            want("ANKARA (AA) -", Some("ANKARA"), None, None, Some("Anadolu")),
        ),
        (
            "ISTANBUL (AA) – Inflation eased in October.",
            None,
            want(
                "ISTANBUL (AA) –",
                Some("ISTANBUL"),
                None,
                None,
                Some("Anadolu"),
            ),
        ),
        (
            "Ankara, Nov 24 (Anadolu Agency) - The ministry said.",
            P16,
            want(
                "Ankara, Nov 24 (Anadolu Agency) -",
                Some("Ankara"),
                Some("2016-11-24"),
                Some("Nov 24"),
                Some("Anadolu"),
            ),
        ),
        (
            "ABU DHABI, 24th November, 2016 (WAM) -- The cabinet approved the plan.",
            None,
            want(
                "ABU DHABI, 24th November, 2016 (WAM) --",
                Some("ABU DHABI"),
                Some("2016-11-24"),
                Some("24th November, 2016"),
                Some("WAM"),
            ),
        ),
        (
            "DUBAI, 3rd January, 2017 (WAM) -- The expo opened.",
            None,
            want(
                "DUBAI, 3rd January, 2017 (WAM) --",
                Some("DUBAI"),
                Some("2017-01-03"),
                Some("3rd January, 2017"),
                Some("WAM"),
            ),
        ),
        (
            "SHARJAH, 5th March (WAM) -- The book fair closed.",
            Some("2018-03-06"),
            want(
                "SHARJAH, 5th March (WAM) --",
                Some("SHARJAH"),
                Some("2018-03-05"),
                Some("5th March"),
                Some("WAM"),
            ),
        ),
        (
            "Riyadh, Nov 24, 2016, SPA -- The Custodian of the Two Holy Mosques received.",
            None,
            want(
                "Riyadh, Nov 24, 2016, SPA --",
                Some("Riyadh"),
                Some("2016-11-24"),
                Some("Nov 24, 2016"),
                Some("SPA"),
            ),
        ),
        (
            "Riyadh, Safar 23, 1438, Nov 23, 2016, SPA -- The cabinet held its weekly session.",
            None,
            want(
                "Riyadh, Safar 23, 1438, Nov 23, 2016, SPA --",
                Some("Riyadh"),
                Some("2016-11-23"),
                Some("Nov 23, 2016"),
                Some("SPA"),
            ),
        ),
        (
            "JEDDAH, Jan 5 (SPA) -- The port handled more cargo.",
            Some("2019-01-05"),
            want(
                "JEDDAH, Jan 5 (SPA) --",
                Some("JEDDAH"),
                Some("2019-01-05"),
                Some("Jan 5"),
                Some("SPA"),
            ),
        ),
        (
            "Dammam, SPA -- The eastern province governor opened a hospital.",
            None,
            want("Dammam, SPA --", Some("Dammam"), None, None, Some("SPA")),
        ),
        (
            "Tehran, IRNA – Iran's foreign minister said.",
            None,
            want("Tehran, IRNA –", Some("Tehran"), None, None, Some("IRNA")),
        ),
        (
            "Tehran, Nov 24, IRNA - The oil minister said output rose.",
            P16,
            want(
                "Tehran, Nov 24, IRNA -",
                Some("Tehran"),
                Some("2016-11-24"),
                Some("Nov 24"),
                Some("IRNA"),
            ),
        ),
        (
            "Mashhad, IRNA - Pilgrims arrived for the holiday.",
            None,
            want("Mashhad, IRNA -", Some("Mashhad"), None, None, Some("IRNA")),
        ),
    ]);
}

#[test]
fn european_agencies() {
    check(&[
        (
            "BERLIN, 3. Oktober (dpa) - Bundeskanzler rief zur Einheit auf.",
            Some("2025-10-03"),
            want(
                "BERLIN, 3. Oktober (dpa) -",
                Some("BERLIN"),
                Some("2025-10-03"),
                Some("3. Oktober"),
                Some("DPA"),
            ),
        ),
        (
            "Berlin (dpa) - The coalition agreed on a budget.",
            None,
            want("Berlin (dpa) -", Some("Berlin"), None, None, Some("DPA")),
        ),
        (
            "HAMBURG, Nov 24 (dpa) - The port reported record traffic.",
            P16,
            want(
                "HAMBURG, Nov 24 (dpa) -",
                Some("HAMBURG"),
                Some("2016-11-24"),
                Some("Nov 24"),
                Some("DPA"),
            ),
        ),
        (
            "ROME, Nov 24 (ANSA) - Italy's premier said.",
            P16,
            want(
                "ROME, Nov 24 (ANSA) -",
                Some("ROME"),
                Some("2016-11-24"),
                Some("Nov 24"),
                Some("ANSA"),
            ),
        ),
        (
            "Milan, January 3 (ANSA) - Fashion week opened.",
            Some("2017-01-03"),
            want(
                "Milan, January 3 (ANSA) -",
                Some("Milan"),
                Some("2017-01-03"),
                Some("January 3"),
                Some("ANSA"),
            ),
        ),
        (
            "(ANSA) - ROME, NOV 24 - Italy's premier met unions.",
            P16,
            want(
                "(ANSA) - ROME, NOV 24 -",
                Some("ROME"),
                Some("2016-11-24"),
                Some("NOV 24"),
                Some("ANSA"),
            ),
        ),
        (
            "NAPLES (ANSA) - Police seized a shipment.",
            None,
            want("NAPLES (ANSA) -", Some("NAPLES"), None, None, Some("ANSA")),
        ),
        (
            "MADRID, 24 Nov (EFE).- The Spanish government approved the decree.",
            P16,
            want(
                "MADRID, 24 Nov (EFE).-",
                Some("MADRID"),
                Some("2016-11-24"),
                Some("24 Nov"),
                Some("EFE"),
            ),
        ),
        (
            "Mexico City, Jan 3 (EFE).- Mexico's peso gained.",
            Some("2017-01-03"),
            want(
                "Mexico City, Jan 3 (EFE).-",
                Some("Mexico City"),
                Some("2017-01-03"),
                Some("Jan 3"),
                Some("EFE"),
            ),
        ),
        (
            "Havana, Feb 2 (EFE) - Cuba announced new measures.",
            Some("2016-02-02"),
            want(
                "Havana, Feb 2 (EFE) -",
                Some("Havana"),
                Some("2016-02-02"),
                Some("Feb 2"),
                Some("EFE"),
            ),
        ),
    ]);
}

#[test]
fn staff_datelines_and_qualifiers() {
    check(&[
        (
            "WASHINGTON — The Senate passed the bill late Tuesday.",
            None,
            want("WASHINGTON —", Some("WASHINGTON"), None, None, None),
        ),
        (
            "NEW YORK, March 26 - Stocks rose in early trading on Wall Street.",
            Some("2024-03-26"),
            want(
                "NEW YORK, March 26 -",
                Some("NEW YORK"),
                Some("2024-03-26"),
                Some("March 26"),
                None,
            ),
        ),
        (
            "NEW YORK — The city's subway ridership has returned to most of its old level.",
            None,
            want("NEW YORK —", Some("NEW YORK"), None, None, None),
        ),
        (
            "SEOUL, South Korea — North Korea fired a missile, officials said.",
            None,
            want(
                "SEOUL, South Korea —",
                Some("SEOUL, South Korea"),
                None,
                None,
                None,
            ),
        ),
        (
            "PARIS, Texas — The town council voted to repave Main Street this summer.",
            None,
            want("PARIS, Texas —", Some("PARIS, Texas"), None, None, None),
        ),
        (
            "NEW DELHI: The Supreme Court on Friday stayed the order of the high court.",
            None,
            want("NEW DELHI:", Some("NEW DELHI"), None, None, None),
        ),
        (
            "New Delhi: The Supreme Court on Friday stayed the order of the high court.",
            None,
            want("New Delhi:", Some("New Delhi"), None, None, None),
        ),
        (
            "Kabul: A suicide bomber killed 12 people near the ministry on Monday, officials said.",
            None,
            want("Kabul:", Some("Kabul"), None, None, None),
        ),
        (
            "PEARL RIVER, N.Y., April 8 - Paxmore Corp said it acquired a maker of labels.",
            Some("1987-04-08"),
            want(
                "PEARL RIVER, N.Y., April 8 -",
                Some("PEARL RIVER, N.Y."),
                Some("1987-04-08"),
                Some("April 8"),
                None,
            ),
        ),
        (
            "Calgary, Alberta, April 8 -\n    Shr 10 cts vs 32 cts",
            Some("1987-04-08"),
            want(
                "Calgary, Alberta, April 8 -",
                Some("Calgary, Alberta"),
                Some("1987-04-08"),
                Some("April 8"),
                None,
            ),
        ),
        (
            "CHARLESTON, W. Va., April 13 - The utility raised its dividend.",
            Some("1987-04-13"),
            want(
                "CHARLESTON, W. Va., April 13 -",
                Some("CHARLESTON, W. Va."),
                Some("1987-04-13"),
                Some("April 13"),
                None,
            ),
        ),
        (
            "WOODBRIDGE, N.J. - Supermarket chain reported higher sales for the four weeks.",
            None,
            want(
                "WOODBRIDGE, N.J. -",
                Some("WOODBRIDGE, N.J."),
                None,
                None,
                None,
            ),
        ),
        (
            "DALLAS/FORT WORTH, Texas, March 3 - The airline added routes.",
            Some("1987-03-03"),
            want(
                "DALLAS/FORT WORTH, Texas, March 3 -",
                Some("DALLAS/FORT WORTH, Texas"),
                Some("1987-03-03"),
                Some("March 3"),
                None,
            ),
        ),
        (
            "GRONINGEN, the Netherlands, March 31 - Gas output fell.",
            Some("1987-03-31"),
            want(
                "GRONINGEN, the Netherlands, March 31 -",
                Some("GRONINGEN, the Netherlands"),
                Some("1987-03-31"),
                Some("March 31"),
                None,
            ),
        ),
        (
            "KANSAS CITY, Mo. - March 13 - The grain firm said.",
            Some("1987-03-13"),
            want(
                "KANSAS CITY, Mo. - March 13 -",
                Some("KANSAS CITY, Mo."),
                Some("1987-03-13"),
                Some("March 13"),
                None,
            ),
        ),
        (
            "Mexico city, march 18 - the central bank said reserves rose.",
            Some("1987-03-18"),
            want(
                "Mexico city, march 18 -",
                Some("Mexico city"),
                Some("1987-03-18"),
                Some("march 18"),
                None,
            ),
        ),
        (
            "CHICAGO, June 5, 2023 /PRNewswire/ -- Acme Corp today announced results.",
            None,
            want(
                "CHICAGO, June 5, 2023 /PRNewswire/ --",
                Some("CHICAGO"),
                Some("2023-06-05"),
                Some("June 5, 2023"),
                Some("PR Newswire"),
            ),
        ),
        (
            "LONDON, Nov 24 (Reuters Breakingviews) - Banks face a reckoning.",
            P16,
            want(
                "LONDON, Nov 24 (Reuters Breakingviews) -",
                Some("LONDON"),
                Some("2016-11-24"),
                Some("Nov 24"),
                Some("Reuters"),
            ),
        ),
        (
            "AUSTIN, TX – June 5, 2023 – Acme Corp today announced a new plant.",
            None,
            want(
                "AUSTIN, TX – June 5, 2023 –",
                Some("AUSTIN, TX"),
                Some("2023-06-05"),
                Some("June 5, 2023"),
                None,
            ),
        ),
        (
            "\u{feff}WASHINGTON—The Senate passed the bill late on Tuesday after a long debate.",
            None,
            want("WASHINGTON—", Some("WASHINGTON"), None, None, None),
        ),
        (
            "LONDON,\u{a0}March 26 (Reuters)\u{a0}- Sterling fell.",
            Some("2026-03-26"),
            want(
                "LONDON,\u{a0}March 26 (Reuters)\u{a0}-",
                Some("LONDON"),
                Some("2026-03-26"),
                Some("March 26"),
                Some("Reuters"),
            ),
        ),
        (
            "SUN CITY, Ariz. (AP) — Retirees packed the meeting.",
            None,
            want(
                "SUN CITY, Ariz. (AP) —",
                Some("SUN CITY, Ariz."),
                None,
                None,
                Some("AP"),
            ),
        ),
        (
            "KEY WEST, Fla. (AP) — The storm passed the island.",
            None,
            want(
                "KEY WEST, Fla. (AP) —",
                Some("KEY WEST, Fla."),
                None,
                None,
                Some("AP"),
            ),
        ),
        (
            "****SANTO DOMINGO, March 4 - The republic sold sugar.",
            Some("1987-03-04"),
            want(
                "SANTO DOMINGO, March 4 -",
                Some("SANTO DOMINGO"),
                Some("1987-03-04"),
                Some("March 4"),
                None,
            ),
        ),
    ]);
}

#[test]
fn date_forms_and_years() {
    check(&[
        ("AMSTERDAM, 2 March - The central bank accepted bids.", Some("1987-03-02"),
         want("AMSTERDAM, 2 March -", Some("AMSTERDAM"), Some("1987-03-02"), Some("2 March"), None)),
        ("BRUSSELS, November 24th - Ministers met again.", Some("2016-11-25"),
         want("BRUSSELS, November 24th -", Some("BRUSSELS"), Some("2016-11-24"), Some("November 24th"), None)),
        ("VIENNA, NOV 24 - OPEC ministers gathered.", P16,
         want("VIENNA, NOV 24 -", Some("VIENNA"), Some("2016-11-24"), Some("NOV 24"), None)),
        ("GENEVA, SEPT. 5 - Talks resumed.", Some("2001-09-05"),
         want("GENEVA, SEPT. 5 -", Some("GENEVA"), Some("2001-09-05"), Some("SEPT. 5"), None)),
        ("MOSCOW, 24.11.2016 - The Duma met.", None,
         want("MOSCOW, 24.11.2016 -", Some("MOSCOW"), Some("2016-11-24"), Some("24.11.2016"), None)),
        ("OSLO, 2016-11-24 - Statistics Norway said.", None,
         want("OSLO, 2016-11-24 -", Some("OSLO"), Some("2016-11-24"), Some("2016-11-24"), None)),
        ("CRICKET - SURREY WIN AT THE OVAL .\nLONDON 1996-08-30\nSurrey beat Kent by an innings on Friday .", None,
         want("LONDON 1996-08-30", Some("LONDON"), Some("1996-08-30"), Some("1996-08-30"), None)),
        ("SOCCER - BRAZILIAN CHAMPIONSHIP RESULTS .\nRIO DE JANEIRO 1996-08-22\nResults of midweek matches .", None,
         want("RIO DE JANEIRO 1996-08-22", Some("RIO DE JANEIRO"), Some("1996-08-22"), Some("1996-08-22"), None)),
        ("ZURICH, Thursday, Nov 24 - The franc rose.", P16,
         want("ZURICH, Thursday, Nov 24 -", Some("ZURICH"), Some("2016-11-24"), Some("Thursday, Nov 24"), None)),
        ("SYDNEY, Dec 31 - Fireworks lit the harbour.", Some("2017-01-01"),
         want("SYDNEY, Dec 31 -", Some("SYDNEY"), Some("2016-12-31"), Some("Dec 31"), None)),
        ("AUCKLAND, Jan 1 - The new year arrived.", Some("2016-12-31"),
         want("AUCKLAND, Jan 1 -", Some("AUCKLAND"), Some("2017-01-01"), Some("Jan 1"), None)),
        ("LIMA, Nov 24 - Peru's congress voted.", None,
         want("LIMA, Nov 24 -", Some("LIMA"), None, Some("Nov 24"), None)),
        ("CHICAGO, April - Grain exports rose.", Some("1987-04-01"),
         want("CHICAGO, April -", Some("CHICAGO"), None, Some("April"), None)),
        ("NEW YORK, Narch 2 - Qtr ended Jan 31.", Some("1987-03-02"),
         want("NEW YORK, Narch 2 -", Some("NEW YORK"), Some("1987-03-02"), Some("Narch 2"), None)),
        ("TAFT, Calif., Apri l7 - The oil producer said.", Some("1987-04-07"),
         want("TAFT, Calif., Apri l7 -", Some("TAFT, Calif."), Some("1987-04-07"), Some("Apri l7"), None)),
        ("BELGRADE, March 2O - The government froze prices.", Some("1987-03-20"),
         want("BELGRADE, March 2O -", Some("BELGRADE"), Some("1987-03-20"), Some("March 2O"), None)),
        ("BOSTON, March 187 - The utility said.", Some("1987-03-18"),
         want("BOSTON, March 187 -", Some("BOSTON"), Some("1987-03-18"), Some("March 187"), None)),
        ("ROSEMONT, Ill., Macrh 31 - The company said.", Some("1987-03-31"),
         want("ROSEMONT, Ill., Macrh 31 -", Some("ROSEMONT, Ill."), Some("1987-03-31"), Some("Macrh 31"), None)),
        ("REGGIO CALABRIA, Italy, April l - Police said.", Some("1987-04-01"),
         want("REGGIO CALABRIA, Italy, April l -", Some("REGGIO CALABRIA, Italy"), Some("1987-04-01"), Some("April l"), None)),
        ("CAIRO, Feb 30 - An invalid day keeps its words.", Some("2015-02-28"),
         want("CAIRO, Feb 30 -", Some("CAIRO"), None, Some("Feb 30"), None)),
    ]);
}

#[test]
fn openings_with_page_furniture() {
    check(&[
        ("- OPCW says ready to receive samples\n- UN extends mission\nMOSCOW, November 24. /TASS/. The West said.", P16,
         want("MOSCOW, November 24. /TASS/.", Some("MOSCOW"), Some("2016-11-24"), Some("November 24"), Some("TASS"))),
        ("ECONOMIC SPOTLIGHT - SWISS OPTIONS\n    By Richard Murphy, Reuters\n    ZURICH, March 12 - Preparations began.", Some("1987-03-16"),
         want("ZURICH, March 12 -", Some("ZURICH"), Some("1987-03-12"), Some("March 12"), None)),
        ("Updated 10:32 a.m. ET, Thu November 24, 2016\nBy Jane Doe, CNN\nWashington (CNN)The White House said it would respond.", P16,
         want("Washington (CNN)", Some("Washington"), None, None, Some("CNN"))),
        ("Share on Facebook Share on Twitter SEOUL, May 12 (Yonhap) -- The ministry said Friday.", Some("2023-05-12"),
         want("SEOUL, May 12 (Yonhap) --", Some("SEOUL"), Some("2023-05-12"), Some("May 12"), Some("Yonhap"))),
        ("By Jane Doe WASHINGTON — The Senate passed the bill late on Tuesday after a long debate.", None,
         want("WASHINGTON —", Some("WASHINGTON"), None, None, None)),
        ("Updated 10:32 ET BEIJING, Nov. 24 -- China's exports rose.", P16,
         want("BEIJING, Nov. 24 --", Some("BEIJING"), Some("2016-11-24"), Some("Nov. 24"), None)),
        ("Russian Foreign Minister Sergey Lavrov speaks during a news conference in Moscow, Russia, November 24, 2016, after talks with his French counterpart on the Syrian crisis. © Sputnik/ Ilya Pitalev\nMOSCOW, November 24. /TASS/. The West said.", P16,
         want("MOSCOW, November 24. /TASS/.", Some("MOSCOW"), Some("2016-11-24"), Some("November 24"), Some("TASS"))),
        ("Ferry fire forces evacuation\nWorkers inspect a damaged ferry in the port of Mokpo, South Korea, on Thursday, May 11, 2023, after a fire forced the evacuation of 300 passengers. (Yonhap)\nSEOUL, May 12 (Yonhap) -- South Korea will tighten rules.", Some("2023-05-12"),
         want("SEOUL, May 12 (Yonhap) --", Some("SEOUL"), Some("2023-05-12"), Some("May 12"), Some("Yonhap"))),
        ("Rescuers search rubble after quake\n\nPhoto: Rescue workers search the rubble in the old town on Monday. (AP Photo/Jane Roe)\n\nISTANBUL (AP) — Rescuers pulled survivors from the rubble.", None,
         want("ISTANBUL (AP) —", Some("ISTANBUL"), None, None, Some("AP"))),
    ]);
}

#[test]
fn place_normalisation() {
    let parser = DatelineParser::new();
    let place = |text: &str| parser.parse(text, None).and_then(|d| d.place);
    let p = place("PARIS, Texas — The council voted on the budget for next year's roads.").unwrap();
    assert_eq!(
        (p.name.as_str(), p.region.as_deref(), p.country.as_deref()),
        ("Paris", Some("Texas"), Some("US"))
    );
    let p = place("PARIS (AFP) - Ministers met.").unwrap();
    assert_eq!(
        (p.name.as_str(), p.country.as_deref()),
        ("Paris", Some("FR"))
    );
    let p =
        place("Bhopal (Madhya Pradesh): The chief minister said the state would build schools.")
            .unwrap();
    assert_eq!(
        (p.name.as_str(), p.region.as_deref(), p.country.as_deref()),
        ("Bhopal", Some("Madhya Pradesh"), Some("IN"))
    );
    // A town too small for the gazetteer keeps its region and country from the qualifier.
    let p = place("WOODBRIDGE, N.J. - Supermarket chain reported higher sales for the four weeks.")
        .unwrap();
    assert_eq!(
        (p.name.as_str(), p.region.as_deref(), p.country.as_deref()),
        ("Woodbridge", Some("New Jersey"), Some("US"))
    );
    let p = place("SAO PAULO, Nov 24 (Reuters) - Brazil's real fell.").unwrap();
    assert_eq!(
        (p.name.as_str(), p.country.as_deref()),
        ("São Paulo", Some("BR"))
    );
    assert_eq!(
        place("UNITED NATIONS, May 5 (Xinhua) -- The council met."),
        None
    );
}

/// Openings that must give no dateline.
#[test]
fn traps() {
    let traps: &[&str] = &[
        "France insisted Sunday that the talks would go on.",
        "Markets Wrap (Reuters) Stocks fell for a third day.",
        "US - China trade talks resume in Geneva on Monday after a pause.",
        "Senator Smith (AP) The senator declined to comment.",
        "NATO SAID on Tuesday it would send more troops.",
        "RUSSIA WARNS TURKEY - SOURCES\nThe Kremlin said nothing about the report.",
        "APRIL 7 - Prices were steady in thin trade.",
        "LONDON GOLD FIXING - APRIL 7\n AM 420.50 PM 421.00",
        "HONG KONG EXCHS CLOSE - APR 7\n us 7.8015 - 7.8035\n uk 12.622 - 12.634",
        "PARIS SUGAR CLOSING - APR 07\n Accumulative total 1010",
        "LONDON - APR 7\n MTH LAST HIGH LOW",
        "Moscow is the capital of Russia and its largest city.",
        "Paris - the city of light - has never looked better.",
        "Washington-based analysts said the deal was unlikely.",
        "London, which hosted the Games, is still paying for them.",
        "By John Smith\nThe company said on Monday that profits fell.",
        "Updated 10:32 a.m.\nShare\nThe mayor said the budget was balanced.",
        "MARKET HOLIDAYS\n    TUE, APR 07 - INDIA, BOMBAY/DELHI (RAMANAVMI).",
        "U.S. FINANCIAL ANALYSTS - March 3\n Acme Corp - New York\n Widget Inc - Boston",
        "BREAKING: Earthquake strikes off the coast of Chile",
        "UPDATE 2-Oil prices rise as supply fears grow",
        "Note: this story has been corrected.",
        "The Hague said it would review the ruling.",
        "In Berlin, officials said the plan would be delayed.",
        "Russian officials - who declined to be named - said the talks failed.",
        "March 26 - Stocks rose across Asia on Tuesday.",
        "Turkey - the country's central bank raised rates again.",
        "Georgia: Voters head to polls\n\nVoters in Georgia went to the polls on Tuesday.",
        "WARSAW PACT - Members met in Sofia.",
        "NEW YORK TIMES - The newspaper said it would cut jobs.",
        "Sydney Morning Herald — The paper reported on Tuesday.",
        "CHINA: EXPORTS RISE IN MAY\nChina's exports rose in May, customs data showed.",
        "Obama: I will veto the bill\n\nThe president said he would veto it.",
        "Photo: Workers in Mokpo inspect a ferry. (Yonhap)\nThe ministry said it would tighten rules.",
        "(AP Photo/John Doe)\nThe crowd gathered outside the court.",
        "Dec. 31, 2016 - Stocks closed the year higher.",
        "2016-11-24 - Published by the ministry of finance.",
        "Tuesday - The council met to discuss the budget.",
        "Reuters - The company said it would cut jobs.",
        "ROME, Italy's capital, is crowded in summer.",
        "Posted on March 3, 2016 - 10:32",
        "ISRAEL INTRODUCES SUMMER TIME.\n    APRIL 11 - ISRAEL INTRODUCES SUMMER TIME.",
        "UAL'S (UAL) UNITED AIR MARCH LOAD FACTOR RISES\nUnited said its load factor rose.",
        "ROYAL DUTCH (RD) UNIT TO RAISE PRICES\nThe unit said prices would rise.",
        "(RPT) U.S. SAYS TIN DISPOSALS WILL NOT AFFECT ACCORD",
        "SENATE REPORT - REAGAN PLANS EARLY DEPLOYMENT\nThe administration is developing plans.",
        "LONDON LIFFE STERLING 0847 - APR 7\n MTH LAST HIGH LOW PR.SET",
        "CASH WHOLESALE BEEF PRICES\n FOB RIVER - CLOSE APRIL 6\n CENTS PER LB CHANGE",
        "As of April 7 - in bushels\n Truck Receipts",
        "GAZA - Israel Strikes Camp\n\nIsraeli jets struck a camp overnight, witnesses said.",
        "Officials from Moscow (TASS) said the talks would resume.",
        "LONDON: Markets rally on rate hopes\nStocks rose on Monday as investors bet on cuts.",
        "AMR (AMR) - TO START INFORMATION CAMPAIGN IN DISPUTE",
        "CHINA - EXPORTS\nChina's exports rose in May, customs data showed on Tuesday.",
        "Syria - Kremlin Says Talks Will Continue\n\nThe Kremlin said talks on Syria would continue next week.",
        "Paris — The city of light — is more expensive than ever, a survey found.",
        "Paris Hilton - The heiress opened a new hotel in the city on Friday evening.",
        "Jordan - The kingdom said it would reopen the border crossing with Syria next week.",
        "Chelsea - Manchester United 2-1: Blues win at the Bridge as fans celebrate late into the night.",
        "US - China trade talks resume in Beijing next week, officials said on Monday.",
        "Nice - The French Riviera city is crowded with tourists every summer season.",
        "Reading - The town council approved a plan to rebuild the station by next year.",
        "Mobile: The app lets users pay with their phones at most stores, the company said.",
        "CHICAGO (Reuters) said the figures had been revised.",
        "Kremlin: West is to blame for the crisis in Ukraine, spokesman says",
        "BOOM: Senator Just Fired A Five-Word Missile Directly At The Governor",
        "Late bond market prices .\nThis is how major world bond markets were trading in late European business on Friday , dealers said .\nGERMANY - Bunds extended losses , flirting with session lows after falling .",
        "Police said the committee would meet at the coastal headquarters of the U.N. force in the south of the country on Friday morning , officials said .\nLebanon ( UNIFIL ) .",
        // A dateline after the story's first paragraph is a quotation, not this story's dateline.
        "The central bank raised interest rates for the third time this year on Thursday, saying that inflation was still well above its target and that wage growth remained strong across the economy.\n\nLONDON, March 3 (Reuters) - An earlier report said prices would rise.",
        "",
        "   \n\n  ",
        "–—-:",
    ];
    let parser = DatelineParser::new();
    let found: Vec<String> = traps
        .iter()
        .filter_map(|t| {
            parser
                .parse(t, Some("2016-11-24"))
                .map(|d| format!("{t:?} -> {:?}", &t[d.span.start..d.span.end]))
        })
        .collect();
    assert!(traps.len() >= 40);
    assert!(
        found.is_empty(),
        "datelines found in traps:\n{}",
        found.join("\n")
    );
}

proptest::proptest! {
    /// Any text, however odd, gives a dateline inside it on character boundaries, or none.
    #[test]
    fn never_panics(text in "(?s).{0,300}", lead in "[A-Z ,.()/:-]{0,40}") {
        let text = format!("{lead}{text}");
        if let Some(d) = DatelineParser::new().parse(&text, Some("2016-11-24")) {
            proptest::prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
    }

    /// Datelines made of a known city, a date and an agency are always found, whole.
    #[test]
    fn generated_datelines(city in proptest::sample::select(vec!["LONDON", "Tokyo", "NEW DELHI", "Sao Paulo", "KUALA LUMPUR"]),
                           month in proptest::sample::select(vec!["Jan", "Feb.", "March", "Sept.", "NOV", "December"]),
                           day in 1u32..=28,
                           agency in proptest::sample::select(vec!["(Reuters) -", "(AP) —", "(Xinhua) --", "(AFP) –", "(PTI):"])) {
        let dateline = format!("{city}, {month} {day} {agency}");
        let text = format!("Headline here\n\n{dateline} The minister said on Monday that talks would go on.");
        let d = DatelineParser::new().parse(&text, Some("2016-06-15"));
        let d = d.expect("dateline");
        proptest::prop_assert_eq!(&text[d.span.start..d.span.end], dateline.as_str());
        proptest::prop_assert_eq!(d.location.as_deref(), Some(city));
        proptest::prop_assert!(d.date.is_some());
    }
}
