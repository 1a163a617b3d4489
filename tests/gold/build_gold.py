#!/usr/bin/env python3
"""Builds tests/gold/sample-gold.ron, the hand-made gold annotation set for the five sample
articles in assets/corpus (see GUIDELINES.md in this folder).

The gold is written below as readable data: for each document, its annotations with label,
fragment texts, speaker ids, cue text and addressee. Offsets are not written by hand: each text
is located in the document (read as UTF-8, offsets in Unicode code points, end exclusive). A text
that occurs more than once in its document must be given as (text, n), n being the 0-based index
of the wanted occurrence among all occurrences of that exact string in the document (overlapping
ones counted); the script stops with an error if a bare text is ambiguous or missing.

Usage (from the repository root or anywhere):  python3 tests/gold/build_gold.py
Writes tests/gold/sample-gold.ron in the byte layout whosaid itself saves (ron pretty printer,
two-space indent, depth limit 6), so that opening and saving the project in whosaid leaves it
unchanged.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS_REL = "../../assets/corpus"  # relative to this folder, as written in the project
CORPUS = os.path.normpath(os.path.join(HERE, CORPUS_REL))
OUT = os.path.join(HERE, "sample-gold.ron")

T0 = "2026-11-22T09:00:00Z"  # annotations kept unchanged from projects/ukraine-nato.ron
T1 = "2026-11-22T09:30:00Z"  # annotations added or changed in the gold review

# ---------------------------------------------------------------------------------------------
# Speaker registry (ids 1-18 as in projects/ukraine-nato.ron; aliases completed from the texts)
# ---------------------------------------------------------------------------------------------

SPEAKERS = [
    dict(id=1, name="Volodymyr Zelenskiy", aliases=[
        "Zelenskiy", "Zelensky", "Zelenskyy", "Mr Zelensky", "Volodymyr Zelensky",
        "President Volodymyr Zelenskiy", "President Volodymyr Zelensky",
        "Ukrainian President Volodymyr Zelensky", "Ukraine's President Volodymyr Zelenskiy",
    ], role="President of Ukraine"),
    dict(id=2, name="Justin Logan", aliases=["Logan", "Mr Logan", "Mr Justin Logan"],
         role="director of defense and foreign policy studies, Cato Institute"),
    dict(id=3, name="Andrew Michta", aliases=[
        "Michta", "Prof Michta", "Professor Andrew Michta",
    ], role="professor of strategic studies, University of Florida"),
    dict(id=4, name="Brett Bruen", aliases=["Bruen", "Mr Bruen", "Mr Brett Bruen"],
         role="president, Global Situation Room; former foreign policy adviser, Obama administration"),
    dict(id=5, name="U.S. security experts", aliases=[
        "US security experts", "security experts", "two security experts",
        "several foreign policy and security experts", "the experts", "experts",
    ], kind="Group"),
    dict(id=6, name="Unnamed analysts", aliases=["analysts", "Some analysts", "many analysts"],
         kind="Unnamed"),
    dict(id=7, name="Donald Trump", aliases=[
        "Trump", "Mr Trump", "U.S. President Donald Trump", "US President Donald Trump",
    ], role="President of the United States"),
    dict(id=8, name="Vladimir Putin", aliases=["Putin", "Russian President Vladimir Putin"],
         role="President of Russia"),
    dict(id=9, name="Yuri Ushakov", aliases=["Ushakov", "Putin’s adviser Yuri Ushakov"],
         role="adviser to Vladimir Putin"),
    dict(id=10, name="Friedrich Merz", aliases=[
        "Merz", "German Chancellor Friedrich Merz", "Germany’s new chancellor",
    ], role="Chancellor of Germany"),
    dict(id=11, name="Emmanuel Macron", aliases=["French President Emmanuel Macron"],
         role="President of France"),
    dict(id=12, name="Alexander Grushko", aliases=[
        "Grushko", "Russian Deputy Foreign Minister Alexander Grushko",
    ], role="Russian Deputy Foreign Minister"),
    dict(id=13, name="Russian government", aliases=["Moscow", "Russia"], kind="Organisation"),
    dict(id=14, name="Ukrainian government", aliases=["Kyiv", "Ukraine"], kind="Organisation"),
    dict(id=15, name="NATO", aliases=[
        "alliance leaders", "NATO countries", "NATO and its member states",
    ], kind="Organisation"),
    dict(id=16, name="Keir Starmer", aliases=["British leader"],
         role="Prime Minister of the United Kingdom (“British leader” in the article)"),
    dict(id=17, name="United States", aliases=[
        "U.S.", "US", "the United States", "Washington", "US government",
    ], kind="Organisation"),
    dict(id=18, name="Western partners", aliases=["the West", "European nations"],
         kind="Group"),
]

# Speaker ids, for readability of the data below.
ZELENSKIY, LOGAN, MICHTA, BRUEN, EXPERTS, ANALYSTS, TRUMP, PUTIN, USHAKOV, MERZ, MACRON, \
    GRUSHKO, RUSSIA, UKRAINE, NATO, STARMER, USA, WEST = range(1, 19)


def A(id, label, speakers, frags, cue=None, to=None, note="", created=T0, modified=T0):
    """One gold annotation. speakers: an id or a list (main first); frags: list of texts or
    (text, occurrence); cue: text or (text, occurrence) or None; to: addressee id or None."""
    if isinstance(speakers, int):
        speakers = [speakers]
    return dict(id=id, label=label, speakers=speakers, frags=frags, cue=cue, to=to, note=note,
                created=created, modified=modified)


def NEW(*args, **kw):
    """An annotation added in the gold review."""
    return A(*args, created=T1, modified=T1, **kw)


def CHANGED(*args, **kw):
    """An annotation of projects/ukraine-nato.ron whose span, speaker or addressee was changed."""
    return A(*args, created=T0, modified=T1, **kw)


# Every annotation gets its cue in the review, which counts as a change; see set_modified below.

# ---------------------------------------------------------------------------------------------
# The gold
# ---------------------------------------------------------------------------------------------

DOCS = [
    dict(path="000_06f3196ba6b743a6.txt",
         hash="84a0c9ddb1bad6918728dbe604eda407ebb9a3e0aa34ca4a7d2ed9a5d9392598",
         annotations=[
        A(1, "Claim", EXPERTS,
          ["Ukraine’s recent offer to abandon its long-standing ambition to join NATO is unlikely to have a major impact on ongoing peace talks with Russia"],
          cue="according to"),
        A(2, "Claim", ZELENSKIY,
          ["Kyiv could forgo NATO membership in exchange for firm security guarantees from the United States, Europe, and other partners"],
          cue=("said", 0), note="conditional offer made to U.S. envoys"),
        A(3, "Claim", ANALYSTS, ["the move is largely symbolic"], cue="argue"),
        A(4, "Claim", LOGAN, ["Ukraine’s NATO membership has not been realistic for years"],
          cue=("said", 1)),
        A(5, "Claim", LOGAN, ["the offer does little to change negotiations"],
          cue=("said", 1), note="second reported clause of the same \"said\" (… and that …)"),
        A(6, "Claim", LOGAN,
          ["Zelenskiy’s statement as an attempt to demonstrate flexibility rather than a breakthrough"],
          cue=("described", 0)),
        A(7, "Claim", MICHTA, ["Ukraine’s NATO admission a “non-issue” at this stage of the conflict"],
          cue="calling", note="contains the partial quote “non-issue” (annotated separately)"),
        A(8, "Quote", MICHTA, ["“non-issue”"], cue="calling", note="partial quote nested in Michta's claim"),
        A(9, "Claim", LOGAN,
          ["Ukraine’s security could be supported through other mechanisms, including continued Western military assistance and sanctions against Russia"],
          cue="noted"),
        A(10, "Claim", LOGAN,
          ["U.S. President Donald Trump, responding to Zelenskiy’s proposal, might simply reaffirm existing U.S. commitments such as arms deliveries and economic pressure on Moscow, rather than offering new guarantees"],
          cue="suggested", note="speculative"),
        NEW(77, "Claim", BRUEN, ["Ukraine’s move as “significant and substantive.”"],
            cue=("described", 1),
            note="described … as; contains the partial quote “significant and substantive.” (annotated separately)"),
        A(11, "Quote", BRUEN, ["“significant and substantive.”"], cue=("described", 1),
          note="partial quote nested in Bruen's claim"),
        A(12, "Claim", BRUEN,
          ["it highlights Kyiv’s willingness to make difficult compromises for peace, contrasting sharply with Russia’s limited concessions so far"],
          cue=("said", 2)),
        NEW(78, "Claim", BRUEN,
            ["what Ukraine would receive in return for backing away from a core promise to its citizens"],
            cue="raised questions",
            note="reported question (raised questions about …); the same point is a direct quote in 002"),
        A(13, "Claim", BRUEN,
          ["the United States could offer concrete steps such as patrolling Ukrainian airspace, responding to airspace violations, or increasing military aid if Russia launches another major offensive"],
          cue="speculated"),
        A(14, "Claim", EXPERTS, ["Ukraine needs more than verbal assurances"], cue=("agree", 1),
          note="closing paragraph, generic attribution"),
    ]),
    dict(path="001_5b4937168b606144.txt",
         hash="18781d30b7a3de03c3667d3daf1261b08e647de722737f111b28197ab6fd8a74",
         annotations=[
        NEW(79, "Claim", EXPERTS,
            ["Ukraine’s Willingness to Drop NATO Bid Unlikely to Shift Peace Talks"],
            cue="Say", note="headline of the article (attributed: Say U.S. Security Experts)"),
        A(15, "Claim", EXPERTS,
          ["Ukraine’s offer to abandon its NATO ambitions is unlikely to significantly change the course of peace talks with Russia"],
          cue="say", note="group attribution; experts not named in this article"),
        CHANGED(16, "Demand", ZELENSKIY, ["alternative security guarantees from the West"],
                cue=("seeking", 0), to=WEST),
        A(17, "Claim", ZELENSKIY, ["Kyiv could forgo its goal of joining the NATO military alliance"],
          cue="indicated"),
        CHANGED(18, "Demand", UKRAINE,
                ["firm security guarantees from the United States, European nations, and other international partners in place of formal NATO membership"],
                cue=("seeking", 1), to=USA,
                note="subject of seeking is Ukraine (the proposal itself is Zelenskiy's, previous sentence); "
                     "addressee: United States, European nations, other international partners"),
        A(19, "Claim", EXPERTS, ["the move alone is unlikely to be a decisive factor in negotiations"],
          cue="cautioned"),
        A(20, "Claim", EXPERTS,
          ["Ukraine’s NATO aspirations have long been a sensitive issue in the conflict, but peace talks hinge on a far wider set of political, military, and security considerations"],
          cue="noted", note="They = the experts"),
        A(21, "Claim", EXPERTS,
          ["Russia’s core demands and battlefield realities are expected to play a much larger role in shaping any potential agreement"],
          cue="According to", note="According to their assessment: their = the experts"),
        A(22, "Claim", ZELENSKIY,
          ["Ukraine cannot accept an arrangement that leaves it vulnerable to future aggression"],
          cue="stressed"),
        A(23, "Claim", ANALYSTS,
          ["translating such guarantees into binding and credible commitments would be complex and could face resistance both domestically and internationally"],
          cue="suggest"),
        A(24, "Claim", EXPERTS,
          ["meaningful progress toward peace will depend less on single policy shifts and more on comprehensive agreements that address the core drivers of the war and provide enforceable guarantees for all parties involved"],
          cue="highlights", note="speaker from The experts’ analysis"),
    ]),
    dict(path="002_841add45dd8341c3.txt",
         hash="eab48e6e247353d0a1c9d684dec88a330a427ad0b7f1bcd418e595967a42d56f",
         annotations=[
        NEW(80, "Claim", EXPERTS, ["Ukraine’s abandonment of NATO goal will not alter peace talks"],
            cue="say", note="headline of the article"),
        NEW(81, "Claim", ZELENSKIY, ["drop the country's NATO aspirations"], cue=("offered", 0),
            note="standfirst; offer reported as a position (offered to …)"),
        A(25, "Claim", EXPERTS,
          ["Ukraine’s offer to forgo joining the NATO military alliance probably will not significantly change the course of peace talks"],
          cue=("said", 0), note="two security experts, i.e. Logan and Michta"),
        NEW(82, "Claim", ZELENSKIY, ["drop Ukraine’s NATO aspirations"], cue=("offered", 1),
            note="offer reported as a position (offered to …); the sentence is broken by blank lines in the scraped text"),
        A(26, "Claim", ZELENSKIY,
          ["security guarantees from the US, Europe and others instead of joining NATO were a compromise from Ukraine"],
          cue=("said", 1)),
        A(27, "Quote", LOGAN,
          ["“This doesn’t move the needle at all,”", "“It’s an effort to appear reasonable.”"],
          cue=("said", 2), note="quote interrupted by attribution: said Mr Justin Logan"),
        A(28, "Claim", [LOGAN, MICHTA],
          ["NATO membership for Ukraine has not been realistic in a long time anyway"],
          cue=("said", 3), note="joint attribution: said Mr Logan and Professor Andrew Michta"),
        A(30, "Claim", MICHTA, ["Ukraine’s NATO admittance a “non-issue” at this point"],
          cue=("called", 0), note="contains the partial quote “non-issue” (annotated separately)"),
        A(31, "Quote", MICHTA, ["“non-issue”"], cue=("called", 0),
          note="partial quote nested in Michta's claim"),
        A(32, "Claim", LOGAN, ["There are other ways for nations to try to ensure Ukraine’s security"],
          cue=("said", 4)),
        A(33, "Claim", LOGAN,
          ["US President Donald Trump, in response to Mr Zelensky’s offer, may commit to the same things the US has already done to support Ukraine, such as sending weapons and sanctioning Russia"],
          cue="added"),
        A(34, "Claim", BRUEN, ["Ukraine’s concession “significant and substantive”"],
          cue=("called", 1),
          note="contains the partial quote “significant and substantive” (annotated separately)"),
        A(35, "Quote", BRUEN, ["“significant and substantive”"], cue=("called", 1),
          note="partial quote nested in Bruen's claim"),
        A(36, "Quote", BRUEN,
          ["“It’s a way for Zelensky to contrast Ukraine’s willingness for significant concessions for peace at a time when Moscow has been short on any significant concessions,”",
           "“The question is, what did Zelensky get in return for backing off on a pretty ironclad promise to the Ukrainian people?”"],
          cue=("said", 5), note="quote interrupted by attribution: Mr Bruen said"),
        A(37, "Claim", BRUEN,
          ["Mr Trump may have promised to patrol Ukraine’s skies or respond to aircraft incursions"],
          cue="speculated"),
        A(38, "Claim", BRUEN,
          ["The US may also increase supplies of military aid if Russia were to relaunch a large-scale military offensive"],
          cue=("said", 6)),
        A(39, "Quote", BRUEN,
          ["“Ukraine has got to hedge bets on what Trump promises, but they need more than a word,”",
           "“They need action, some element, that is going to ensure Trump can’t easily wiggle out of these situations.”"],
          cue=("said", 7),
          note="quote interrupted by attribution: Mr Bruen said; a demand on Ukraine in substance, labelled Quote (one label per span)"),
    ]),
    dict(path="003_611bafdf104ab7f9.txt",
         hash="f0a2a6ad30196c811c603b05048745f26573fe2a52c7b64a0a70ba91d0716063",
         annotations=[
        A(41, "Claim", ZELENSKIY, ["Ukraine could abandon its long-standing ambition to join NATO"],
          cue="signaled"),
        A(42, "Demand", ZELENSKIY,
          ["Kyiv now expects security guarantees “comparable” to those enjoyed by NATO members"],
          cue=("said", 0), to=USA,
          note="addressee: the US and European envoys named in the sentence; contains the partial quote “comparable” (annotated separately)"),
        A(43, "Quote", ZELENSKIY, ["“comparable”"], cue=("said", 0),
          note="partial quote nested in Zelenskiy's demand"),
        A(44, "Demand", ZELENSKIY,
          ["Kyiv seeks bilateral security guarantees from the United States, Article 5-like commitments from Washington, and binding pledges from European powers and partners such as Canada and Japan"],
          cue="made clear", to=USA,
          note="content of He made clear what that means (previous sentence); addressee: United States, European powers, Canada, Japan"),
        A(45, "Claim", ZELENSKIY,
          ["These guarantees",
           "would aim to prevent another wave of Russian aggression rather than merely manage its aftermath"],
          cue="argued", note="attribution interrupts the clause"),
        A(46, "Claim", ZELENSKIY,
          ["Some US and European partners have never supported Ukraine’s NATO membership, largely because of the risk of direct confrontation with Russia"],
          cue="acknowledged",
          note="judgement call: he acknowledged political reality, content spelled out in the next sentence"),
        A(47, "Claim", ZELENSKIY,
          [("Dropping the NATO bid", 0),
           "represents a concession designed to unlock an alternative path to security and peace"],
          cue=("framed", 1), note="attribution interrupts the clause"),
        A(48, "Claim", PUTIN, ["NATO’s eastward expansion as a direct threat to Russian security"],
          cue="portrayed"),
        A(49, "Claim", PUTIN,
          ["any further NATO expansion or military entrenchment in Ukraine was “unacceptable.”"],
          cue=("warned", 0),
          note="February 2022; contains the partial quote “unacceptable.” (annotated separately)"),
        A(50, "Quote", PUTIN, ["“unacceptable.”"], cue=("warned", 0),
          note="partial quote nested in Putin's claim"),
        CHANGED(51, "Claim", TRUMP, ["Ukrainian NATO membership"], cue="opposed",
                note="attributed position (has openly opposed); span is the object, without the verb"),
        A(52, "Demand", TRUMP, ["negotiate an end to the war"], cue="pushed", to=UKRAINE,
          note="the span leaves out on terms that many analysts believe favor Moscow (the analysts' view, see 83)"),
        NEW(83, "Claim", ANALYSTS, ["favor Moscow"], cue="believe",
            note="terms that many analysts believe favor Moscow (relative clause; subject is the terms)"),
        A(53, "Demand", TRUMP,
          ["peace must come first, even if it requires strategic compromises from Ukraine"],
          cue="message", to=UKRAINE,
          note="His administration’s message is blunt: (Trump's administration); wording is the article's paraphrase"),
        A(54, "Demand", ZELENSKIY,
          ["any deal must be legally binding and formally endorsed by the US government"],
          cue="insisted", to=USA),
        A(55, "Demand", RUSSIA, ["Ukraine withdraw from the remaining areas it still controls"],
          cue="demanded", to=UKRAINE, note="concerns eastern Donetsk"),
        NEW(84, "Claim", ZELENSKIY,
            ["a US-floated proposal to turn Donetsk into a demilitarised free economic zone"],
            cue="dismissed",
            note="attributed position (dismissed …), like 51; the preceding has flatly rejected this condition has only an anaphoric object and is not annotated"),
        A(56, "Claim", ZELENSKIY,
          ["such an arrangement would raise impossible questions about governance and security"],
          cue="arguing"),
        A(57, "Claim", ZELENSKIY,
          ["A buffer zone",
           "only makes sense if both sides withdraw equally and neutral forces police the area"],
          cue=("said", 1), note="attribution interrupts the clause"),
        A(58, "Claim", USHAKOV,
          ["Russian police and national guard forces would remain in parts of Donetsk under any future arrangement"],
          cue=("warned", 1)),
        A(59, "Claim", MACRON,
          ["France’s long-term commitment to Ukraine’s security and sovereignty"],
          cue="reaffirmed"),
        NEW(85, "Claim", MERZ, ["the conflict in existential terms"], cue=("framed", 2),
            note="framed … in existential terms (like described … as)"),
        A(60, "Claim", MERZ,
          ["if Ukraine falls, Russian ambitions will not stop at its borders"],
          cue="warning"),
        A(61, "Claim", ZELENSKIY,
          ["hundreds of thousands of families remain without electricity, heat, or water following recent strikes"],
          cue=("warned", 2)),
        CHANGED(62, "Demand", UKRAINE,
                ["security guarantees must deter future attacks, not merely respond to them after the fact"],
                cue="argument",
                note="Kyiv’s argument that … must; no addressee named in the sentence"),
    ]),
    dict(path="004_395019b86e74a298.txt",
         hash="1907acbe80e250f83b511cce56f55d14204a1fd7cb58e506f40da43001379cc6",
         annotations=[
        A(63, "Claim", GRUSHKO,
          ["the pathway to a peace agreement regarding Ukraine hinges on NATO’s decision to reject Kyiv’s potential membership in the alliance"],
          cue="asserted"),
        A(64, "Demand", GRUSHKO,
          ["Moscow is seeking unequivocal security guarantees from NATO and its member states"],
          cue="emphasized", to=NATO, note="speaks for Moscow"),
        A(65, "Demand", GRUSHKO,
          ["These guarantees must ensure that Ukraine will not join NATO, that foreign military contingents will not be stationed on its territory, and that Ukraine will not be utilized as a base for military pressure against Russia"],
          to=NATO, note="continues his reported statement (no cue of its own); addressee from the previous sentence"),
        A(66, "Demand", GRUSHKO,
          ["a pivotal aspect of these guarantees should be the establishment of Ukraine’s neutral status at an international level, coupled with a formal commitment from NATO countries to refrain from integrating Ukraine into the alliance"],
          cue="underscored", to=NATO),
        A(67, "Claim", GRUSHKO,
          ["the potential deployment of European peacekeepers in Ukraine",
           "a significant threat to Russia’s security"],
          cue="labeling",
          note="voiced strong opposition to …, labeling it …: the fragments skip the pronoun it"),
        A(68, "Claim", GRUSHKO,
          ["any foreign military presence in the conflict zone—whether affiliated with NATO, the EU, or individual nations—would effectively entangle them in the ongoing confrontation, leading to dire consequences"],
          cue="According to"),
        A(69, "Claim", GRUSHKO,
          ["Russia’s willingness to engage in dialogue with the European Union on these matters"],
          cue=("indicated", 0)),
        CHANGED(70, "Claim", GRUSHKO,
                ["Brussels continues its policy of self-isolation from Moscow, complicating the negotiation process"],
                cue="lamented",
                note="the participial clause is read as part of what he lamented"),
        A(71, "Claim", GRUSHKO,
          ["discussions regarding the deployment of unarmed observers or civilian missions to monitor any peace agreement could only occur once preliminary agreements are established"],
          cue="stated"),
        A(72, "Claim", NATO,
          ["their commitment to Ukraine’s “irreversible path” toward membership"],
          cue="reiterated",
          note="article places this at Vilnius 2023 (the “irreversible path” wording is from NATO's 2024 Washington summit declaration)"),
        A(73, "Quote", NATO, ["“irreversible path”"], cue="reiterated",
          note="partial quote nested in NATO's claim; summit declaration wording"),
        A(74, "Claim", NATO,
          ["a definitive timeline would depend on Ukraine meeting various conditions, including necessary reforms and a resolution to the ongoing conflict"],
          cue="acknowledged"),
        A(75, "Claim", TRUMP, ["skepticism about Ukraine’s NATO ambitions"], cue="expressed",
          note="March 2025, with European leaders"),
        A(76, "Claim", STARMER,
          ["his readiness to send peacekeeping forces to Ukraine contingent on a peace agreement"],
          cue=("indicated", 1),
          note="article says only 'British leader' (UK Prime Minister in March 2025: Keir Starmer)"),
    ]),
]

VIEW_OPEN_DOCUMENT = "002_841add45dd8341c3.txt"


def set_modified():
    """Every kept annotation got its cue (and its cue note removed) in the review: mark modified."""
    for d in DOCS:
        for a in d["annotations"]:
            if a["cue"] is not None:
                a["modified"] = T1


# ---------------------------------------------------------------------------------------------
# Locating texts
# ---------------------------------------------------------------------------------------------

def occurrences(doc, text):
    out, i = [], doc.find(text)
    while i != -1:
        out.append(i)
        i = doc.find(text, i + 1)
    return out


def locate(doc, spec, what):
    text, n = (spec, None) if isinstance(spec, str) else spec
    occ = occurrences(doc, text)
    if not occ:
        sys.exit(f"{what}: text not found: {text!r}")
    if n is None:
        if len(occ) > 1:
            sys.exit(f"{what}: text occurs {len(occ)} times, give an occurrence index: {text!r}")
        n = 0
    if n >= len(occ):
        sys.exit(f"{what}: occurrence {n} of {text!r} asked, only {len(occ)} found")
    start = occ[n]
    end = start + len(text)
    if text != text.strip():
        sys.exit(f"{what}: span starts or ends with whitespace: {text!r}")
    return fragment(doc, start, end)


def fragment(doc, start, end):
    return dict(start=start, end=end, text=doc[start:end],
                prefix=doc[max(0, start - 32):start], suffix=doc[end:end + 32])


# ---------------------------------------------------------------------------------------------
# Writing RON the way whosaid does (ron 0.12 pretty printer, indentor "  ", depth_limit 6)
# ---------------------------------------------------------------------------------------------

def ron_str(s):
    out = ['"']
    for c in s:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "'":
            out.append("\\'")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 0x20 or 0x7F <= ord(c) <= 0xA0 or c in "\u00ad\u2028\u2029\ufeff":
            out.append("\\u{%x}" % ord(c))  # Rust's char::escape_debug for non-printables
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def inline_fragment(f):
    parts = [f"start: {f['start']}", f"end: {f['end']}", f"text: {ron_str(f['text'])}"]
    if f["prefix"]:
        parts.append(f"prefix: {ron_str(f['prefix'])}")
    if f["suffix"]:
        parts.append(f"suffix: {ron_str(f['suffix'])}")
    return "(" + ", ".join(parts) + ")"


def emit(speakers, docs, corpus, open_document):
    L = []
    w = L.append
    w("(")
    w("  format_version: 3,")
    w(f"  corpus: {ron_str(corpus)},")
    w("  speakers: [")
    for s in speakers:
        w("    (")
        w(f"      id: {s['id']},")
        w(f"      name: {ron_str(s['name'])},")
        if s["aliases"]:
            w("      aliases: [")
            for al in s["aliases"]:
                w(f"        {ron_str(al)},")
            w("      ],")
        else:
            w("      aliases: [],")
        if s.get("kind", "Person") != "Person":
            w(f"      kind: {s['kind']},")
        if s.get("role"):
            w(f"      role: {ron_str(s['role'])},")
        w("    ),")
    w("  ],")
    w("  documents: [")
    for d in docs:
        w("    (")
        w(f"      path: {ron_str(d['path'])},")
        w(f"      hash: {ron_str(d['hash'])},")
        w(f"      done: {'true' if d['done'] else 'false'},")
        if d["annotations"]:
            w("      annotations: [")
            for a in d["annotations"]:
                w("        (")
                w(f"          id: {a['id']},")
                w(f"          label: {a['label']},")
                if a["speakers"]:
                    w("          speakers: [")
                    for sp in a["speakers"]:
                        w(f"            {sp},")
                    w("          ],")
                if a["addressee"] is not None:
                    w(f"          addressee: Some({a['addressee']}),")
                if a["cue"] is not None:
                    c = a["cue"]
                    w("          cue: Some((")
                    w(f"            start: {c['start']},")
                    w(f"            end: {c['end']},")
                    w(f"            text: {ron_str(c['text'])},")
                    if c["prefix"]:
                        w(f"            prefix: {ron_str(c['prefix'])},")
                    if c["suffix"]:
                        w(f"            suffix: {ron_str(c['suffix'])},")
                    w("          )),")
                w("          fragments: [")
                for f in a["fragments"]:
                    w(f"            {inline_fragment(f)},")
                w("          ],")
                if a["note"]:
                    w(f"          note: {ron_str(a['note'])},")
                w(f"          created: {ron_str(a['created'])},")
                w(f"          modified: {ron_str(a['modified'])},")
                w("        ),")
            w("      ],")
        else:
            w("      annotations: [],")
        w("    ),")
    w("  ],")
    w("  view: (")
    w(f"    open_document: Some({ron_str(open_document)}),")
    w("  ),")
    w(")")
    return "\n".join(L) + "\n"


# ---------------------------------------------------------------------------------------------

def build():
    set_modified()
    speaker_ids = [s["id"] for s in SPEAKERS]
    assert speaker_ids == sorted(set(speaker_ids)), "speaker ids must be unique and sorted"
    seen_ids = set()
    out_docs = []
    for d in sorted(DOCS, key=lambda d: d["path"]):
        raw = open(os.path.join(CORPUS, d["path"]), "rb").read()
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        doc = raw.decode("utf-8")  # offsets are code points of this text; \r\n would count two
        anns = []
        for a in d["annotations"]:
            what = f"{d['path']} annotation {a['id']}"
            if a["id"] in seen_ids:
                sys.exit(f"{what}: duplicate annotation id")
            seen_ids.add(a["id"])
            assert a["label"] in ("Claim", "Quote", "Demand"), what
            assert a["speakers"] and all(s in speaker_ids for s in a["speakers"]), what
            assert a["to"] is None or (a["label"] == "Demand" and a["to"] in speaker_ids), what
            frags = sorted((locate(doc, f, what) for f in a["frags"]), key=lambda f: (f["start"], f["end"]))
            for f1, f2 in zip(frags, frags[1:]):
                if f1["end"] > f2["start"]:
                    sys.exit(f"{what}: overlapping fragments")
            if a["label"] == "Quote":
                for f in frags:
                    if f["text"][0] not in "“\"" or f["text"][-1] not in "”\"":
                        sys.exit(f"{what}: a quote fragment must include its quotation marks")
            cue = locate(doc, a["cue"], what + " cue") if a["cue"] is not None else None
            anns.append(dict(id=a["id"], label=a["label"], speakers=a["speakers"], addressee=a["to"],
                             cue=cue, fragments=frags, note=a["note"], created=a["created"],
                             modified=a["modified"]))
        anns.sort(key=lambda a: (a["fragments"][0]["start"], -a["fragments"][-1]["end"], a["id"]))
        out_docs.append(dict(path=d["path"], hash=d["hash"], done=True, annotations=anns))
    return emit(SPEAKERS, out_docs, CORPUS_REL, VIEW_OPEN_DOCUMENT), out_docs


def summary(out_docs):
    labels = ("Claim", "Quote", "Demand")
    total = {l: 0 for l in labels}
    for d in out_docs:
        c = {l: sum(1 for a in d["annotations"] if a["label"] == l) for l in labels}
        for l in labels:
            total[l] += c[l]
        print(f"{d['path']}: " + ", ".join(f"{l} {c[l]}" for l in labels) + f", all {len(d['annotations'])}")
    print("total: " + ", ".join(f"{l} {total[l]}" for l in labels) + f", all {sum(total.values())}")


if __name__ == "__main__":
    text, out_docs = build()
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"wrote {OUT}")
    summary(out_docs)
