//! Issue 11: the mechanisms that decide rule quality on unseen ads, tested on sentences written
//! for these tests (the default rule pack over small Markdown ads).

use super::{check, Finding};
use crate::posting::{read_bytes, Format, ReadOptions};
use crate::rules::{load, RuleOptions, RuleSet};
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| load(&RuleOptions::default()).expect("the default pack loads"))
}

/// Findings of the default pack in the Markdown ad `text`, in language `lang`.
fn findings(lang: &str, text: &str) -> Vec<Finding> {
    let source = format!("---\nlang: {lang}\n---\n{text}");
    let doc = read_bytes(
        "test.md",
        source.as_bytes(),
        Format::Markdown,
        &ReadOptions::default(),
    )
    .expect("the test ad reads");
    check(rules(), &doc)
}

/// The rule ids found of `category` in `text`.
fn found(lang: &str, text: &str, category: &str) -> Vec<String> {
    findings(lang, text)
        .into_iter()
        .filter(|f| f.category.id() == category)
        .map(|f| f.rule.to_string())
        .collect()
}

fn has(lang: &str, text: &str, category: &str) -> bool {
    !found(lang, text, category).is_empty()
}

// ------------------------------------------------------------------ readability

#[test]
fn lead_in_lines_and_fields_count_as_short_sentences_of_the_body() {
    // Bold lead-ins are lines of the body in the reference method; `#` headings are not.
    let heavy = "Kommunens tjenesteproduksjon kjennetegnes av helhetlige, koordinerte og \
                 brukerorienterte tjenester med kvalitetsforbedring og dokumentasjon.";
    assert!(has("nb", &format!("## Om oss\n\n{heavy}\n"), "readability"));
    let lead_ins = "**Om oss**\n\n**Stillingen**\n\n**Arbeidssted**\n\n**Søk**\n\n\
                    Språk: Norsk\n\nSted: Bergen\n\n";
    assert!(!has("nb", &format!("{lead_ins}{heavy}\n"), "readability"));
}

#[test]
fn legal_formulas_are_not_bureaucratic_prose() {
    let formulas = "## Om stillingen\n\nDu vasker skolen.\n\n## Søknad\n\n\
        Tilsetting skjer iht. gjeldende lov- og avtaleverk. Opplysninger om søkeren kan bli \
        offentliggjort, jf. offentlighetsloven § 25. Andre oppgaver må påregnes. Vedkommende \
        som ønsker unntak, må begrunne det.\n";
    assert!(!has("nb", formulas, "readability"));
    let prose = "## Om stillingen\n\nVedkommende må påregne kveldsarbeid, herunder helgevakter, \
                 og skal ivareta rutinene.\n";
    assert!(has("nb", prose, "readability"));
}

#[test]
fn a_long_intro_sentence_in_easy_text_is_not_flagged() {
    let text = "## Om oss\n\nVi er et lite og trivelig kjøkken i sentrum av byen der vi lager \
        middag til skolene og sykehjemmene hver dag, og vi ser nå etter en ny kollega som har \
        lyst til å lage god mat sammen med oss.\n\n## Arbeidsoppgaver\n\n- Lage mat\n- Vaske opp\n\
        - Handle varer\n\n## Vi tilbyr\n\n- Opplæring\n- Fast stilling\n";
    assert!(!has("nb", text, "readability"));
    let nn = "## Om oss\n\nVi er eit lite og triveleg kjøkken i sentrum av byen der vi lagar \
        middag til skulane og sjukeheimane kvar dag, og vi ser no etter ein ny kollega som har \
        lyst til å lage god mat saman med oss i kvardagen vår på kjøkkenet.\n\n\
        ## Arbeidsoppgåver\n\n- Lage mat\n- Vaske opp\n- Handle varer\n";
    assert!(!has("nn", nn, "readability"));
}

// ------------------------------------------------------------------ requirement-overload

#[test]
fn only_demands_count_as_must_items() {
    // Six real demands and six lines that ask nothing: no overload.
    let nb = "## Kvalifikasjoner\n\n- Fagbrev som kokk\n- Førerkort klasse B\n- Erfaring fra storkjøkken\n\
        - Kunne jobbe i turnus\n- Kurs i hygiene\n- God på data\n- Personlig egnethet vil bli vektlagt\n\
        - Politiattest må leveres\n- Menn oppfordres til å søke\n- Oppgi to referanser\n\
        - **Personlige egenskaper:**\n- Mangler du fagbrev, kan lang erfaring kompensere for det\n\n\
        Vi legger vekt på at du liker å lage mat for mange og trives på kjøkkenet.\n";
    assert!(!has("nb", nb, "requirement-overload"));
    let nn = "## Kvalifikasjonar\n\n- Fagbrev som kokk\n- Førarkort klasse B\n- Erfaring frå storkjøkken\n\
        - Kunne jobbe i turnus\n- Kurs i hygiene\n- God på data\n- Personleg eignaheit vil bli vektlagt\n\
        - Politiattest må leverast\n- Menn blir oppmoda til å søkje, og alle oppmodast til å søkje\n\
        - Gi opp to referansar\n";
    assert!(!has("nn", nn, "requirement-overload"));
}

#[test]
fn a_must_list_introduced_by_du_har_counts() {
    let nb = "**Du er/har:**\n\n- Fagbrev som helsefagarbeider\n- Førerkort klasse B\n\
        - Gode norskkunnskaper\n- Erfaring fra pleie\n- Selvstendig\n- Punktlig\n- Kurs i HMS\n";
    assert!(has("nb", nb, "requirement-overload"));
    let nn = "**Du har:**\n\n- Fagbrev som helsefagarbeidar\n- Førarkort klasse B\n\
        - Gode norskkunnskapar\n- Erfaring frå pleie\n- Er sjølvstendig\n- Er punktleg\n- Kurs i HMS\n";
    assert!(has("nn", nn, "requirement-overload"));
    // Six items is still a short list.
    let short = "**Du er/har:**\n\n- Fagbrev\n- Førerkort\n- Norsk\n- Data\n- Punktlig\n- Blid\n";
    assert!(!has("nb", short, "requirement-overload"));
}

// ------------------------------------------------------------------ alternatives and modality

#[test]
fn an_alternative_anywhere_in_the_requirement_block_cancels_the_formal_demand() {
    for text in [
        // after a slash
        "## Kvalifikasjoner\n\n- Fagbrev som tømrer/erfaring fra byggfag\n- Førerkort klasse B\n",
        // in the next sentence of the item
        "## Kvalifikasjoner\n\n- Fagbrev som kokk. Dersom vi ikke får søkere med fagbrev, vil andre bli vurdert.\n",
        // in a sibling item
        "## Kvalifikasjoner\n\n- Fagbrev som helsefagarbeider\n- Manglende fagbrev kan kompenseres med lang erfaring\n",
        "## Krav\n\n- Bachelorgrad i pedagogikk\n- Søkere med annen relevant utdanning vil også bli vurdert\n",
    ] {
        assert!(!has("nb", text, "formal-competence"), "{text}");
        assert!(!has("nb", text, "missing-alternative-path"), "{text}");
        assert!(!has("nb", text, "experience-years"), "{text}");
    }
    for text in [
        "## Kvalifikasjonar\n\n- Fagbrev som tømrar/erfaring frå byggfag\n",
        "## Kvalifikasjonar\n\n- Fagbrev som kokk. Andre søkjarar vil òg bli vurderte.\n",
        "## Kvalifikasjonar\n\n- Fagbrev som helsefagarbeidar\n- Manglande fagbrev kan kompenserast med lang erfaring\n",
    ] {
        assert!(!has("nn", text, "formal-competence"), "{text}");
        assert!(!has("nn", text, "missing-alternative-path"), "{text}");
    }
    // Without the alternative both are found.
    let plain =
        "## Kvalifikasjoner\n\n- Fagbrev som helsefagarbeider er et krav\n- Førerkort klasse B\n";
    assert!(has("nb", plain, "formal-competence"));
    assert!(has("nb", plain, "missing-alternative-path"));
    let slash_title = "## Kvalifikasjoner\n\n- Fagbrev som tømrer/snekker er et krav\n";
    assert!(has("nb", slash_title, "formal-competence"));
}

#[test]
fn the_clause_decides_modality() {
    for text in [
        "## Kvalifikasjoner\n\n- Du må nødvendigvis ikke ha mange års erfaring.\n",
        "## Kvalifikasjoner\n\n- Lang erfaring er ikke et krav.\n",
        "## Kvalifikasjoner\n\n- Søkere med minst tre års erfaring vil bli prioritert.\n",
    ] {
        assert!(!has("nb", text, "experience-years"), "{text}");
    }
    assert!(!has(
        "nb",
        "## Kvalifikasjoner\n\n- Søkere med fagbrev som kokk vil bli prioritert.\n",
        "formal-competence"
    ));
    assert!(!has(
        "nn",
        "## Kvalifikasjonar\n\n- Søkjarar med fagbrev som kokk vil bli prioriterte.\n",
        "formal-competence"
    ));
    // A preference in one clause does not soften the demand in the other.
    let mixed = "## Kvalifikasjoner\n\n- Fagbrev som kokk er et krav, erfaring fra storkjøkken er en fordel.\n";
    assert!(has("nb", mixed, "formal-competence"));
    // The sentence that is the alternative is no demand of experience.
    let alt = "## Kvalifikasjoner\n\n- Fagbrev som kokk er et krav.\n- Lang erfaring kan kompensere for manglende fagbrev.\n";
    assert!(!has("nb", alt, "experience-years"));
}

// ------------------------------------------------------------------ language demands as grammar

#[test]
fn language_demands_are_read_as_grammar() {
    for text in [
        "## Kvalifikasjoner\n\n- Du må kunne snakke og skrive norsk.\n",
        "## Kvalifikasjoner\n\n- Kunne kommunisere godt på norsk med brukere og kolleger.\n",
        "## Kvalifikasjoner\n\n- God beherskelse av skandinavisk språk, muntlig og skriftlig.\n",
        "## Kvalifikasjoner\n\n- Svært god skriftlig og muntlig framstillingsevne.\n",
        "## Kvalifikasjoner\n\n- Perfekte norskkunnskaper.\n",
        "Du bør kunne uttrykke deg godt skriftlig på norsk.\n",
    ] {
        assert!(has("nb", text, "language-level"), "{text}");
    }
    for text in [
        "## Kvalifikasjonar\n\n- Du må kunne snakke og skrive norsk.\n",
        "## Kvalifikasjonar\n\n- Kommunisere godt på norsk.\n",
        "## Kvalifikasjonar\n\n- God meistring av skandinavisk språk.\n",
    ] {
        assert!(has("nn", text, "language-level"), "{text}");
    }
    for text in [
        "## Qualifications\n\n- You communicate fluently with customers.\n",
        "## Qualifications\n\n- You must be able to write reports in Norwegian.\n",
    ] {
        assert!(has("en", text, "language-level"), "{text}");
    }
}

#[test]
fn a_cefr_level_in_the_line_or_a_working_language_label_is_no_vague_demand() {
    for text in [
        "## Kvalifikasjoner\n\n- Gode norskkunnskaper. Nivå B2 muntlig og skriftlig.\n",
        "## Kvalifikasjoner\n\n- Du må kunne snakke og skrive norsk (B1).\n",
        "## Kvalifikasjoner\n\n- Arbeidsspråk: norsk, og gode norskkunnskaper i hverdagen\n",
        "## Kvalifikasjoner\n\n- Du trenger ikke snakke perfekt norsk.\n",
    ] {
        assert!(!has("nb", text, "language-level"), "{text}");
    }
    assert!(!has(
        "nn",
        "## Kvalifikasjonar\n\n- Gode norskkunnskapar. Nivå B2 munnleg.\n",
        "language-level"
    ));
}

#[test]
fn a_native_english_demand_is_told_about_english() {
    let f = findings("en", "## Qualifications\n\n- Native English speaker.\n");
    let native: Vec<&Finding> = f
        .iter()
        .filter(|f| f.category.id() == "discrimination")
        .collect();
    assert_eq!(native.len(), 1);
    assert!(native.iter().all(|f| f.message.contains("English")
        && !f.message.contains("Norwegian")
        && f.suggestion.contains("English")));
}

// ------------------------------------------------------------------ trait stacks

#[test]
fn trait_stacks_add_up_over_the_items_of_a_section() {
    for text in [
        "## Personlige egenskaper\n\n- Løsningsfokusert\n- Positiv til endringer\n- Tåler omstilling\n",
        "## Om deg\n\n- Du trives i en travel arbeidshverdag.\n- Du er fleksibel.\n",
        "## Vi søker deg som\n\n- Kan arbeide lange dager når det er påkrevd\n- Er strukturert\n",
        "## Personlige egenskaper\n\n- Selvstendig\n- Fleksibel\n- Nøyaktig\n- Løsningsfokusert\n",
    ] {
        assert!(has("nb", text, "demanding-traits"), "{text}");
    }
    for text in [
        "## Personlege eigenskapar\n\n- Løysingsfokusert\n- Positiv til endringar\n- Toler omstilling\n",
        "## Om deg\n\n- Du trivst i ein travel arbeidsdag.\n- Du er fleksibel.\n",
    ] {
        assert!(has("nn", text, "demanding-traits"), "{text}");
    }
    // One trait, or three weak ones, is no stack.
    for text in [
        "## Personlige egenskaper\n\n- Løsningsfokusert\n",
        "## Personlige egenskaper\n\n- Selvstendig\n- Fleksibel\n- Positiv til endringer\n",
        "## Personlige egenskaper\n\n- Blid\n- Tåler omstilling\n\nPersonlig egnethet vil bli vektlagt.\n",
    ] {
        assert!(!has("nb", text, "demanding-traits"), "{text}");
    }
}

// ------------------------------------------------------------------ who a sentence is about

#[test]
fn training_and_adaptation_for_others_is_no_offer() {
    for text in [
        "## Om stillingen\n\nVi søker deg som vil bidra til elevenes opplæring.\n",
        "## Om deg\n\nDu skal være med på opplæringen av de nye lærlingene.\n",
        "## Om stillingen\n\nDu skal planlegge og tilrettelegge aktiviteter.\n",
    ] {
        assert!(has("nb", text, "missing-adaptation"), "{text}");
    }
    assert!(has(
        "nn",
        "## Om stillinga\n\nDu skal vere med på opplæringa av dei nye lærlingane.\n",
        "missing-adaptation"
    ));
    for text in [
        "## Vi tilbyr\n\n- God opplæring\n",
        "## Vi tilbyr\n\nVi tilrettelegger for deg som trenger det.\n",
        "## Vi tilbyr\n\nDu får opplæring av erfarne kolleger.\n",
    ] {
        assert!(!has("nb", text, "missing-adaptation"), "{text}");
    }
}

#[test]
fn diversity_of_the_town_is_no_statement_and_a_fronted_invitation_is_one() {
    for text in [
        "## Om oss\n\nByen har et stort mangfold i kulturlivet.\n",
        "## Om oss\n\nBydelen har et rikt mangfold av kafeer og butikker.\n",
        "## Om oss\n\nBarnehagen har et mangfold av barn og familier.\n",
    ] {
        assert!(has("nb", text, "missing-inclusion-statement"), "{text}");
    }
    let fronted =
        "## Søknad\n\nMed utgangspunkt i at vi ønsker å speile mangfoldet i befolkningen, \
                   oppfordrer vi alle kvalifiserte til å søke.\n";
    assert!(!has("nb", fronted, "missing-inclusion-statement"));
    let nn = "## Søknad\n\nFordi vi ønskjer å spegle mangfaldet i befolkninga, oppmodar vi alle \
              kvalifiserte til å søkje uavhengig av bakgrunn.\n";
    assert!(!has("nn", nn, "missing-inclusion-statement"));
}

#[test]
fn a_contact_is_a_person_or_an_address_for_questions() {
    let exemption = "## Søknad\n\nØnsker du å bli unntatt fra offentlig søkerliste, send en \
                     begrunnelse til post@kommune.no.\n";
    assert!(has("nb", exemption, "missing-contact"));
    assert!(has(
        "nb",
        "## Søknad\n\nTa kontakt om du lurer på noe.\n",
        "missing-contact"
    ));
    assert!(!has(
        "nb",
        "## Søknad\n\nSpørsmål om stillingen kan rettes til avdelingsleder Kari Nordmann.\n",
        "missing-contact"
    ));
    assert!(!has(
        "nn",
        "## Kontakt\n\nKari Nordmann, einingsleiar\n",
        "missing-contact"
    ));
    assert!(!has(
        "nb",
        "## Søknad\n\nSpørsmål kan rettes til kari@kommune.no.\n",
        "missing-contact"
    ));
}

// ------------------------------------------------------------------ discrimination

#[test]
fn coordinated_health_demands_and_definite_age_forms_are_found() {
    for text in [
        "## Kvalifikasjoner\n\n- God fysisk og psykisk helse.\n",
        "## Krav\n\n- Helse som er forenlig med arbeid i turnus.\n",
        "Du blir en del av vårt unge og dynamiske team.\n",
        "Det unge miljøet på avdelingen tar godt imot deg.\n",
    ] {
        assert!(has("nb", text, "discrimination"), "{text}");
    }
    for text in [
        "## Kvalifikasjonar\n\n- God fysisk og psykisk helse.\n",
        "Du blir ein del av vårt unge og dynamiske team.\n",
    ] {
        assert!(has("nn", text, "discrimination"), "{text}");
    }
    for text in [
        "Vi jobber for god fysisk og psykisk helse hos brukerne.\n",
        "Du skal jobbe med de unge brukerne i bofellesskapet.\n",
    ] {
        assert!(!has("nb", text, "discrimination"), "{text}");
    }
    assert!(!has(
        "en",
        "## Application\n\nBoth male and female applicants are welcome.\n",
        "discrimination"
    ));
    assert!(has(
        "en",
        "## Qualifications\n\n- Good physical and mental health.\n",
        "discrimination"
    ));
}

// ------------------------------------------------------------------ severity instead of silence

#[test]
fn a_licence_justified_by_the_duties_is_info_not_silence() {
    for (lang, text) in [
        ("nb", "## Om stillingen\n\nDu kjører mellom brukerne i hjemmetjenesten. Førerkort klasse B er nødvendig.\n"),
        ("nb", "## Om stillingen\n\nStillingen innebærer mye kjøring, og du må ha førerkort.\n"),
        ("nn", "## Om stillinga\n\nDu køyrer mellom brukarane i heimetenesta. Førarkort klasse B er naudsynt.\n"),
    ] {
        let f: Vec<Finding> = findings(lang, text)
            .into_iter()
            .filter(|f| f.category.id() == "driving-licence")
            .collect();
        assert_eq!(f.len(), 1, "{text}");
        assert!(f.iter().all(|f| f.severity == crate::taxonomy::Severity::Info), "{text}");
    }
}

#[test]
fn a_group_of_names_under_one_line_is_one_demand() {
    let nb = "## Kvalifikasjoner\n\n- Fagbrev som helsefagarbeider\n- Førerkort klasse B\n\
        - Kjennskap til følgende fagsystemer:\n- Gerica\n- Visma\n- Office 365\n- Compilo\n\
        - God på data\n";
    assert!(!has("nb", nb, "requirement-overload"));
    let nn = "## Kvalifikasjonar\n\n- Fagbrev i eitt av desse faga:\n- Helsearbeidarfaget\n\
        - Barne- og ungdomsarbeidarfaget\n- Aktivitørfaget\n- Kokkefaget\n- Reinhaldsfaget\n\
        - Førarkort klasse B\n";
    assert!(!has("nn", nn, "requirement-overload"));
    // Demands of their own are still counted.
    let many = "## Kvalifikasjoner\n\n- Fagbrev\n- Førerkort\n- Kjennskap til følgende fagsystemer:\n\
        - Gerica\n- Visma\n- Du må kunne jobbe natt\n- Du må kunne jobbe helg\n- Du må kunne jobbe alene\n\
        - Du må ha kurs i HMS\n- Du må ha kurs i førstehjelp\n";
    assert!(has("nb", many, "requirement-overload"));
}
