"""Fill the Dutch translations into monitor_nl.ts (run after pyside6-lupdate), then compile:

    .venv/bin/pyside6-lupdate -no-obsolete monitor/ui/*.py monitor/cli.py \
        monitor/treatment_commands.py -ts monitor/ui/translations/monitor_nl.ts
    .venv/bin/python monitor/ui/translations/fill_nl.py
    .venv/bin/pyside6-lrelease monitor/ui/translations/monitor_nl.ts
"""

import re
from html import escape, unescape
from pathlib import Path

NL = {
    "moment": "moment", "date": "datum", "sets": "series", "reps": "herh.",
    "best ROM (°)": "beste ROM (°)", "mean ROM (°)": "gem. ROM (°)",
    "change (°)": "verschil (°)", "ROM (°)": "ROM (°)",
    "time from first repetition": "tijd vanaf eerste herhaling",
    "Replay selected": "Geselecteerde afspelen",
    "Overlay first and selected": "Eerste en geselecteerde over elkaar",
    "Report (PDF)...": "Rapport (PDF)...", "Exercise": "Oefening", "best ROM": "beste ROM",
    "mean ROM": "gem. ROM", "set {n}": "serie {n}", "repetitions": "herhalingen",
    "time": "tijd", "#": "#", "up (s)": "op (s)", "hold (s)": "vast (s)",
    "down (s)": "neer (s)", "note": "let op", "Start  (space)": "Start  (spatie)",
    "Pause": "Pauze", "Stop": "Stop", "Resume": "Verder",
    "last: {rom:.0f}° in {t:.1f} s": "laatste: {rom:.0f}° in {t:.1f} s",
    "short of target": "doel niet gehaald", "too fast": "te snel",
    "sensor moved?": "sensor verschoven?",
    "Quick check: hold the leg still in the start posture (2 s).":
        "Snelle controle: houd het been stil in de startpositie (2 s).",
    "A sensor seems to have moved on its strap. After this set: tighten it, then use the "
    "quick check (Use last calibration) or calibrate again.":
        "Een sensor lijkt in zijn band verschoven. Na deze serie: zet hem vast en doe dan de "
        "snelle controle (Vorige kalibratie gebruiken) of kalibreer opnieuw.",
    "rise {cm:.1f} cm": "omhoog {cm:.1f} cm",
    "2. Rise onto the toes and lower slowly three times.":
        "2. Ga langzaam op de tenen staan en weer terug, drie keer.",
    "rise onto the toes slowly": "langzaam op de tenen",
    "rise (heel raise)": "hoogte (op de tenen)", "best rise (cm)": "beste hoogte (cm)",
    "mean rise (cm)": "gem. hoogte (cm)",
    "Only one sensor on this leg: {what}.": "Maar een sensor op dit been: {what}.",
    "Angle: {what}.": "Hoek: {what}.",
    "Set: {n} repetitions, ROM {rom:.0f}° ± {sd:.0f}°, {tut:.0f} s under tension, "
    "{low} short of target, {fast} too fast":
        "Serie: {n} herhalingen, ROM {rom:.0f}° ± {sd:.0f}°, {tut:.0f} s onder spanning, "
        "{low} doel niet gehaald, {fast} te snel",
    "Exercise monitor": "Oefenmonitor", "code, e.g. P0012": "code, bv. P0012",
    "Open patient": "Patiënt openen", "sound": "geluid", "speak counts": "tellen hardop",
    "Patient": "Patiënt", "Moment": "Meetmoment", "No sensors connected.":
        "Geen sensoren verbonden.", "Connect demo sensors": "Demosensoren verbinden",
    "Calibrate": "Kalibreren", "Sensors": "Sensoren", "Calibration": "Kalibratie",
    "note for this set": "opmerking bij deze serie", "Note": "Opmerking", "Live": "Live",
    "History": "Verloop",
    "Type a patient code first (no names needed), e.g. P0012.":
        "Typ eerst een patiëntcode (geen naam nodig), bv. P0012.",
    "Patient {code}: {n} earlier sessions": "Patiënt {code}: {n} eerdere sessies",
    "Patient {code}: first session": "Patiënt {code}: eerste sessie",
    "{angle} (uncalibrated)": "{angle} (niet gekalibreerd)",
    "phase duration (s)": "duur van de fase (s)", "rise (cm)": "hoogte (cm)",
    "thigh tilt": "kanteling bovenbeen", "movement": "beweging",
    "Stop the set first to change the exercise.":
        "Stop eerst de serie om van oefening te wisselen.",
    "Next sets: {exercise}. Calibrate, or use the last calibration.":
        "Volgende series: {exercise}. Kalibreer, of gebruik de vorige kalibratie.",
    "2. Do the exercise's movement slowly three times.":
        "2. Doe de beweging van de oefening langzaam, drie keer.",
    "Do the exercise's movement slowly three times.":
        "Doe de beweging van de oefening langzaam, drie keer.",
    "Move slowly in one plane, without twisting the leg; check that the strap is tight.":
        "Beweeg langzaam in één vlak, zonder het been te draaien; controleer of de band "
        "strak zit.",
    "Measured with the {segment} sensor, which moved most.":
        "Gemeten met de sensor op het {segment}, die het meest bewoog.",
    "2. Move the leg out to the side and back slowly three times.":
        "2. Beweeg het been langzaam opzij en terug, drie keer.",
    "Patient {code}: 1 earlier session": "Patiënt {code}: 1 eerdere sessie",
    "Connect the sensors first.": "Verbind eerst de sensoren.",
    "1. Put the leg in the start posture and hold it still (2 s).":
        "1. Breng het been in de starthouding en houd het stil (2 s).",
    "2. Bend and stretch the joint slowly three times.":
        "2. Buig en strek het gewricht drie keer langzaam.",
    "Quality {q:.0%}": "Kwaliteit {q:.0%}",
    "Open a patient and connect the sensors first.":
        "Open eerst een patiënt en verbind de sensoren.",
    "Not calibrated: repetitions are counted, angles are shown as uncalibrated.":
        "Niet gekalibreerd: herhalingen worden geteld, hoeken zijn ongekalibreerd.",
    "Replay of set {n}": "Afspelen van serie {n}", "Save report": "Rapport opslaan",
    "Report saved: {p}": "Rapport opgeslagen: {p}",
    "The report could not be saved: {e}": "Het rapport kon niet worden opgeslagen: {e}",
    "Replay finished: {n} repetitions": "Afspelen klaar: {n} herhalingen",
    "range of motion": "bewegingsuitslag", "tempo (up / down)": "tempo (op / neer)",
    "time under tension": "tijd onder spanning", "Chart": "Grafiek",
    "time under tension (s)": "tijd onder spanning (s)", "Pause replay": "Afspelen pauzeren",
    "speed": "snelheid", "of {n} repetitions": "van {n} herhalingen",
    "Play replay": "Verder afspelen", "Scan for sensors": "Sensoren zoeken",
    "Connect selected": "Gekozen sensoren verbinden", "Targets": "Streefwaarden",
    "range": "bereik", "tempo up / hold / down / rest (s)": "tempo op / vast / neer / rust (s)",
    "reps x sets": "herh. x series", "Scanning...": "Zoeken...",
    "No sensors found: switch them on and bring them closer.":
        "Geen sensoren gevonden: zet ze aan en breng ze dichterbij.",
    "not used": "niet gebruikt",
    "Choose where each sensor sits first.": "Kies eerst waar elke sensor zit.",
    "Connecting...": "Verbinden...", "Done": "Klaar",
    "Recording... press Done when finished.": "Opnemen... druk op Klaar als u klaar bent.",
    "Use last calibration": "Vorige kalibratie gebruiken",
    "Checks in a still pose that the sensors sit as they did":
        "Controleert in een stille houding of de sensoren nog net zo zitten",
    "hold still": "stil houden", "bend and stretch slowly": "langzaam buigen en strekken",
    "Last calibration fits: ready.": "Vorige kalibratie past: klaar.",
    "still": "stil", "moving": "beweegt", "Recording {s:.0f} s": "Opname {s:.0f} s",
    "movement so far: {r:.0f}° (aim for 150° or more)":
        "beweging tot nu: {r:.0f}° (streef naar 150° of meer)",
    "Tempo per repetition: up (blue), hold (yellow), down (orange); dashed line: prescribed":
        "Tempo per herhaling: op (blauw), vasthouden (geel), neer (oranje); "
        "stippellijn: voorgeschreven",
    "thigh moved": "bovenbeen bewoog", "lower leg moved": "onderbeen bewoog",
    "thigh sensor silent": "bovenbeensensor viel weg",
    "lower-leg sensor silent": "onderbeensensor viel weg",
    "The thigh lifts or turns during the repetitions (the hip helps); the knee angle "
    "includes it. Support the thigh if only the knee should work.":
        "Het bovenbeen komt omhoog of draait tijdens de herhalingen (de heup helpt mee); de "
        "kniehoek rekent dat mee. Ondersteun het bovenbeen als alleen de knie moet werken.",
    "The thigh lifts or turns during the repetitions: the knee angle takes it to stay on "
    "the chair, so it reads larger. Support the thigh.":
        "Het bovenbeen komt omhoog of draait tijdens de herhalingen: de kniehoek gaat ervan "
        "uit dat het op de stoel blijft en valt daardoor groter uit. Ondersteun het "
        "bovenbeen.",
    "The lower leg moves during the repetitions: the knee angle takes it to stay upright, "
    "so it is less exact.":
        "Het onderbeen beweegt tijdens de herhalingen: de kniehoek gaat ervan uit dat het "
        "rechtop blijft en is daardoor minder nauwkeurig.",
    # Messages from the pure packages (monitor.ui.messages).
    "Hold the leg still in the start posture for 2 seconds.":
        "Houd het been 2 seconden stil in de startpositie.",
    "Bend and stretch the joint slowly three times.":
        "Buig en strek het gewricht langzaam, drie keer.",
    "Rise onto the toes and lower slowly three times.":
        "Ga langzaam op de tenen staan en weer terug, drie keer.",
    "Bend and stretch slowly in one plane, without twisting the leg; check that the strap "
    "is tight.":
        "Buig en strek langzaam in een vlak, zonder het been te draaien; controleer of de "
        "band strak zit.",
    "The thigh and shank sensors seem swapped: the one on the {segment} moves most; check "
    "the placements.":
        "De sensoren van bovenbeen en onderbeen lijken verwisseld: die op het {segment} "
        "beweegt het meest; controleer de plaatsing.",
    "The thigh and shank sensors do not turn like the two sides of one knee; check that "
    "both are on the same leg.":
        "De sensoren van bovenbeen en onderbeen draaien niet als de twee kanten van een knie; "
        "controleer of ze op hetzelfde been zitten.",
    "The {segment} sensor's readings are implausible ({detail}): check the sensor.":
        "De metingen van de sensor op het {segment} kloppen niet ({detail}): controleer de "
        "sensor.",
    "Knee axis found from the thigh and shank sensors together (fit {fit}).":
        "Knieas gevonden uit de sensoren van bovenbeen en onderbeen samen (passing {fit}).",
    "Calibration is good.": "Kalibratie is goed.",
    "Calibration is usable; a slower, larger movement would make it better.":
        "Kalibratie is bruikbaar; een langzamere, grotere beweging maakt haar beter.",
    "no data from the {placement} sensor": "geen gegevens van de sensor op het {placement}",
    "the {placement} sensor sits differently than last time ({deg}°): calibrate again":
        "de sensor op het {placement} zit anders dan de vorige keer ({deg}°): kalibreer "
        "opnieuw",
    "no stored calibration for these sensors": "geen opgeslagen kalibratie voor deze sensoren",
    "the sensors did not stay still: hold the leg still in the start posture and try again":
        "de sensoren bleven niet stil: houd het been stil in de startpositie en probeer het "
        "opnieuw",
    "sensor silent": "sensor viel weg",
    "No Bluetooth adapter found. Plug in the Bluetooth dongle or switch Bluetooth on in the "
    "computer's settings, then try again.":
        "Geen Bluetooth-adapter gevonden. Steek de Bluetooth-dongle in of zet Bluetooth aan in "
        "de instellingen van de computer en probeer het opnieuw.",
    "Bluetooth is switched off. Switch it on in the computer's settings (or unblock it with "
    "the Bluetooth switch), then try again.":
        "Bluetooth staat uit. Zet het aan in de instellingen van de computer (of met de "
        "Bluetooth-schakelaar) en probeer het opnieuw.",
    "Sensor {address} was not found. Switch it on (check its battery) and bring it within a "
    "few metres of the computer.":
        "Sensor {address} is niet gevonden. Zet hem aan (controleer de batterij) en breng hem "
        "binnen een paar meter van de computer.",
    "The Bluetooth adapter cannot take more sensors. Disconnect a sensor you do not need, or "
    "use a second adapter.":
        "De Bluetooth-adapter kan geen sensoren meer aan. Koppel een sensor los die u niet "
        "nodig hebt, of gebruik een tweede adapter.",
    "This computer does not allow the monitor to use Bluetooth. Allow it in the computer's "
    "privacy settings, or ask whoever looks after this computer.":
        "Deze computer staat de monitor niet toe Bluetooth te gebruiken. Sta het toe in de "
        "privacy-instellingen van de computer, of vraag het aan wie deze computer beheert.",
    "The computer's Bluetooth service is not running. Start it (Linux: sudo systemctl start "
    "bluetooth) or ask whoever looks after this computer, then try again.":
        "De Bluetooth-dienst van de computer draait niet. Start die (Linux: sudo systemctl "
        "start bluetooth) of vraag het wie deze computer beheert, en probeer het opnieuw.",
    "Scanning for sensors failed ({detail}). Check that Bluetooth is on.":
        "Zoeken naar sensoren is mislukt ({detail}). Controleer of Bluetooth aan staat.",
    "Could not connect to {name} ({detail}). Bring it closer and try again.":
        "Kon geen verbinding maken met {name} ({detail}). Breng hem dichterbij en probeer het "
        "opnieuw.",
    "{path} is not a session database (not an SQLite file); it was not changed. Choose "
    "another file with --db.":
        "{path} is geen sessiedatabase (geen SQLite-bestand); het is niet gewijzigd. Kies een "
        "ander bestand met --db.",
    "cannot create the session database {path}: {detail}":
        "kan de sessiedatabase {path} niet aanmaken: {detail}",
    "{path} cannot be opened as a session database ({detail}); it was not changed":
        "{path} kan niet als sessiedatabase worden geopend ({detail}); het is niet gewijzigd",
    "the disk holding {path} is full: recording stopped; everything recorded until now is "
    "saved. Free some space to record again.":
        "de schijf met {path} is vol: de opname is gestopt; alles wat tot nu toe is opgenomen "
        "is bewaard. Maak ruimte vrij om weer op te nemen.",
    "{path} is read-only: nothing can be saved":
        "{path} is alleen-lezen: er kan niets worden opgeslagen",
    "saving to {path} failed: {detail}": "opslaan in {path} is mislukt: {detail}",
    "{path} is in use by another program: close that program (or wait until it has finished) "
    "and try again":
        "{path} wordt door een ander programma gebruikt: sluit dat programma (of wacht tot het "
        "klaar is) en probeer het opnieuw",
    "{path} is damaged ({detail}); it was not changed. Keep a copy of it and recover what can "
    "be read with: monitor db recover {path} NEW.db":
        "{path} is beschadigd ({detail}); het is niet gewijzigd. Bewaar een kopie en red wat "
        "nog leesbaar is met: monitor db recover {path} NIEUW.db",
    "reading or writing {path} failed ({detail}): the disk may be full, failing or removed":
        "lezen of schrijven van {path} is mislukt ({detail}): de schijf is misschien vol, "
        "defect of verwijderd",
    "The session database is in use by another program: the set goes on, its samples wait in "
    "memory and are saved as soon as the database is free.":
        "De sessiedatabase wordt door een ander programma gebruikt: de serie gaat door, de "
        "metingen wachten in het geheugen en worden opgeslagen zodra de database vrij is.",
    "The session database is free again: every sample of this set so far is saved.":
        "De sessiedatabase is weer vrij: alle metingen van deze serie tot nu toe zijn "
        "opgeslagen.",
    "The set is stopped; its last samples wait in memory until the session database is free: "
    "keep the app open.":
        "De serie is gestopt; de laatste metingen wachten in het geheugen tot de sessiedatabase "
        "vrij is: laat het programma open.",
    "The patient code '{code}' looks like a name and a date of birth: the app keeps "
    "pseudonymous codes (e.g. P0012); use a code that does not identify the patient.":
        "De patiëntcode '{code}' lijkt op een naam en een geboortedatum: het programma bewaart "
        "alleen pseudoniemen (bijv. P0012); gebruik een code waaraan de patiënt niet te "
        "herkennen is.",
    "The patient code '{code}' looks like a date of birth: the app keeps pseudonymous codes "
    "(e.g. P0012); use a code that does not identify the patient.":
        "De patiëntcode '{code}' lijkt op een geboortedatum: het programma bewaart alleen "
        "pseudoniemen (bijv. P0012); gebruik een code waaraan de patiënt niet te herkennen is.",
    "The patient code '{code}' looks like a name: the app keeps pseudonymous codes (e.g. "
    "P0012); use a code that does not identify the patient.":
        "De patiëntcode '{code}' lijkt op een naam: het programma bewaart alleen pseudoniemen "
        "(bijv. P0012); gebruik een code waaraan de patiënt niet te herkennen is.",
    "The battery of the {placement} sensor ({name}) is at {pct}%: it may stop during the "
    "set. Charge it or use another sensor.":
        "De batterij van de sensor op het {placement} ({name}) staat op {pct}%: hij kan "
        "tijdens de serie uitvallen. Laad hem op of gebruik een andere sensor.",
    "The Bluetooth adapter was removed: the set waits for it and keeps what was recorded. "
    "Plug it in again to go on.":
        "De Bluetooth-adapter is verwijderd: de serie wacht erop en houdt wat is opgenomen. "
        "Steek hem weer in om verder te gaan.",
    "Bluetooth was switched off: the set waits for it and keeps what was recorded. Switch "
    "it on again to go on.":
        "Bluetooth is uitgeschakeld: de serie wacht erop en houdt wat is opgenomen. Zet "
        "Bluetooth weer aan om verder te gaan.",
    "Bluetooth is back: connecting the sensors again.":
        "Bluetooth is terug: de sensoren worden opnieuw verbonden.",
    "The {placement} sensor stopped sending: reconnecting.":
        "De sensor op het {placement} stuurt niets meer: opnieuw verbinden.",
    "The {placement} sensor is connected again: recording goes on.":
        "De sensor op het {placement} is weer verbonden: de opname gaat verder.",
    "no Bluetooth adapter": "geen Bluetooth-adapter", "Bluetooth off": "Bluetooth uit",
    "battery low: {p}%": "batterij bijna leeg: {p}%",
    "knee flexion": "kniebuiging", "hip flexion": "heupbuiging", "hip extension": "heupstrekking",
    "hip abduction": "heupabductie", "lower-leg tilt": "kanteling onderbeen", "target": "doel",
    "connecting": "verbinden", "connected": "verbonden", "reconnecting": "opnieuw verbinden",
    "lost": "verbinding kwijt", "closed": "gesloten", "{n} samples": "{n} metingen",
    "{p:.1f}% lost": "{p:.1f}% verloren",
    "{n} impossible readings left out: check the sensor":
        "{n} onmogelijke metingen weggelaten: controleer de sensor",
    "thigh": "bovenbeen", "shank": "onderbeen", "pelvis": "bekken",
    "right thigh": "rechterbovenbeen", "left thigh": "linkerbovenbeen",
    "right shank": "rechteronderbeen", "left shank": "linkeronderbeen",
    # The treatment record: patient, programme, visit, pain and effort, advice.
    "No repetition in this set: it is kept, but not shown in the history.":
        "Geen herhaling in deze serie: ze is bewaard, maar staat niet in het verloop.",
    "training visit": "training", "intake": "intake", "week 6": "week 6",
    "week 12": "week 12", "discharge": "eindmeting", "follow-up": "nameting",
    "8 kg, red band, bodyweight": "8 kg, rode band, lichaamsgewicht",
    "load": "belasting", "rest between sets": "rust tussen series",
    "Stop the set first to open another patient.":
        "Stop eerst de serie om een andere patiënt te openen.",
    "New patient {code}: fill in the details and goals on the Patient tab (year of birth and "
    "sex for the test norms).":
        "Nieuwe patiënt {code}: vul de gegevens en doelen in op het tabblad Patiënt "
        "(geboortejaar en geslacht voor de testnormen).",
    "Programme done: {n} exercises": "Programma klaar: {n} oefeningen",
    "Exercise {k} of {n} done": "Oefening {k} van {n} klaar",
    "Exercise {k} of {n} · set {s} of {m} · {load}":
        "Oefening {k} van {n} · serie {s} van {m} · {load}",
    "0 = no pain, 10 = worst imaginable pain (numeric rating scale); 0-5 is acceptable "
    "during training":
        "0 = geen pijn, 10 = ergst denkbare pijn (NPRS); 0-5 is aanvaardbaar tijdens de "
        "training",
    "Borg CR10: 0 nothing at all, 3 moderate, 5 hard, 7 very hard, 10 maximal":
        "Borg CR10: 0 helemaal niets, 3 matig, 5 zwaar, 7 zeer zwaar, 10 maximaal",
    "How was the pain the morning after the last session?":
        "Hoeveel pijn was er de ochtend na de vorige sessie?",
    "Pain now, before the session?": "Pijn nu, voor de sessie?",
    "Effort of this set?": "Inspanning van deze serie?",
    "Pain during {exercise}?": "Pijn tijdens {exercise}?",
    "All exercises of the programme are done.": "Alle oefeningen van het programma zijn klaar.",
    "Next: {exercise}. Calibrate, or use the last calibration.":
        "Volgende: {exercise}. Kalibreer, of gebruik de vorige kalibratie.",
    "All sets of {exercise} done: press Next exercise.":
        "Alle series van {exercise} klaar: druk op Volgende oefening.",
    "any movement": "willekeurige beweging",
    "Replay: {exercise}, {moment} ({date}), set {k} of {n}":
        "Afspelen: {exercise}, {moment} ({date}), serie {k} van {n}",
    "Replay finished: 1 repetition": "Afspelen klaar: 1 herhaling",
    "knee": "knie", "hip": "heup", "knee and hip": "knie en heup", "left": "links",
    "right": "rechts", "both": "beide", "female": "vrouw", "male": "man",
    "other / not said": "anders / niet gezegd",
    "notes (no names or other identifying data)":
        "notities (geen namen of andere herleidbare gegevens)",
    "Save details": "Gegevens opslaan", "Code": "Code", "Joint": "Gewricht", "Side": "Zijde",
    "Year of birth": "Geboortejaar", "Sex": "Geslacht", "Intake": "Intake",
    "Notes": "Notities", "goal": "doel", "status": "stand",
    "goal in words, e.g. climb the stairs to the bedroom":
        "doel in woorden, bv. de trap op naar de slaapkamer",
    "in words only": "alleen in woorden",
    "pain during exercise (at most)": "pijn tijdens het oefenen (hoogstens)",
    "ROM: {name}": "ROM: {name}", "Add goal": "Doel toevoegen", "Remove goal": "Doel weghalen",
    "Goals": "Doelen", "exercise": "oefening", "sets x reps": "series x herh.",
    "tempo (s)": "tempo (s)", "since": "sinds", "Add to programme": "Aan programma toevoegen",
    "Remove": "Weghalen", "Earlier in the visit": "Eerder in de sessie",
    "Later in the visit": "Later in de sessie", "Save dose": "Dosering opslaan",
    "tempo up/hold/down/rest": "tempo op/vast/neer/rust", "Programme": "Programma",
    "Advice after the last visit (you decide)": "Advies na de vorige sessie (u beslist)",
    "Outside the pain-monitoring model:": "Buiten het pijnmonitoringsmodel:",
    "Pain within the pain-monitoring model.": "Pijn binnen het pijnmonitoringsmodel.",
    "Intake date: give it as YYYY-MM-DD.": "Intakedatum: geef die als JJJJ-MM-DD.",
    "Details of {code} saved.": "Gegevens van {code} opgeslagen.",
    "Type the goal first.": "Typ eerst het doel.", "in words": "in woorden",
    "not measured yet": "nog niet gemeten",
    "met ({value}, {moment})": "gehaald ({value}, {moment})",
    "not met ({value}, {moment})": "niet gehaald ({value}, {moment})",
    "Already in the programme.": "Staat al in het programma.",
    "Programme saved.": "Programma opgeslagen.",
    "No programme yet: add exercises above.": "Nog geen programma: voeg hierboven oefeningen toe.",
    "increase": "verhogen", "hold": "gelijk houden", "decrease": "verlagen",
    "Accept": "Overnemen", "{exercise}: {dose} from now on.": "{exercise}: vanaf nu {dose}.",
    "Skip": "Overslaan", "Next exercise": "Volgende oefening", "End rest": "Rust beëindigen",
    "Rest {m}:{s:02d}": "Rust {m}:{s:02d}", "Rest over: next set": "Rust voorbij: volgende serie",
    "body weight at {reps} repetitions and {sets} sets: add a weight or a harder variant to "
    "progress":
        "lichaamsgewicht bij {reps} herhalingen en {sets} series: voeg gewicht toe of kies een "
        "zwaardere variant om verder op te bouwen",
    "reduce the range of the movement instead": "verklein in plaats daarvan de bewegingsuitslag",
    "pain before the sessions rose from {a}/10 to {b}/10 in a week":
        "pijn voor de sessies steeg in een week van {a}/10 naar {b}/10",
    "pain before the sessions rose {n} weeks in a row ({a}/10 -> {b}/10)":
        "pijn voor de sessies steeg {n} weken op rij ({a}/10 -> {b}/10)",
    "both sets of {reps} reached the target range at the prescribed tempo":
        "beide series van {reps} haalden het doelbereik in het voorgeschreven tempo",
    "all {sets} sets of {reps} reached the target range at the prescribed tempo":
        "alle {sets} series van {reps} haalden het doelbereik in het voorgeschreven tempo",
    "load {old} -> {new}: +{step} kg{pct}": "belasting {old} -> {new}: +{step} kg{pct}",
    "the strongest band is reached: change to weights to progress":
        "de zwaarste band is bereikt: stap over op gewichten om verder op te bouwen",
    "body weight: {old} -> {new} repetitions per set":
        "lichaamsgewicht: {old} -> {new} herhalingen per serie",
    "body weight: {old} -> {new} sets": "lichaamsgewicht: {old} -> {new} series",
    "load {old} -> {new}": "belasting {old} -> {new}",
    "{done} of {sets} sets done": "{done} van {sets} series gedaan",
    "{n} of {total} repetitions fell short of the target range":
        "{n} van {total} herhalingen haalden het doelbereik niet",
    "{n} of {total} repetitions were faster than the prescribed tempo":
        "{n} van {total} herhalingen gingen sneller dan het voorgeschreven tempo",
    "effort {v}/10: above the target band ({lo}-{hi}/10)":
        "inspanning {v}/10: boven de doelzone ({lo}-{hi}/10)",
    "the pain-monitoring model: reduce the load or the range, then build up again":
        "het pijnmonitoringsmodel: verlaag de belasting of de uitslag en bouw daarna weer op",
    "next-morning pain not known yet: ask before changing the load":
        "pijn de ochtend erna nog niet bekend: vraag ernaar voor u de belasting verandert",
    "met in {n} of {need} visits in a row at this dose: hold once more before increasing":
        "gehaald in {n} van {need} sessies op rij bij deze dosering: houd het nog een keer "
        "gelijk voor u verhoogt",
    "effort {v}/10": "inspanning {v}/10",
    "pain {v}/10, settled by the next morning": "pijn {v}/10, de ochtend erna weer gezakt",
    "load {old} -> {new}: the next band": "belasting {old} -> {new}: de volgende band",
    "pain after the exercise {v}/10: above {max}/10, the pain-monitoring model's limit":
        "pijn na de oefening {v}/10: boven {max}/10, de grens van het pijnmonitoringsmodel",
    "pain the next morning {v}/10 had not settled to the usual {usual}/10":
        "pijn de ochtend erna {v}/10 was niet gezakt naar de gewone {usual}/10",
    "set {i}: {n} of {reps} repetitions": "serie {i}: {n} van {reps} herhalingen",
    "set {i} was done with {load} instead of {dose}":
        "serie {i} is gedaan met {load} in plaats van {dose}",
    "no sets of this exercise recorded yet": "nog geen series van deze oefening opgenomen",
    "pain {v}/10": "pijn {v}/10",
    "pain after the exercise {v}/10: acceptable, but it leaves no margin for more load":
        "pijn na de oefening {v}/10: aanvaardbaar, maar er is geen ruimte voor meer belasting",
    "body weight": "lichaamsgewicht", "yellow band": "gele band", "red band": "rode band",
    "green band": "groene band", "blue band": "blauwe band", "black band": "zwarte band",
    "silver band": "zilveren band", "gold band": "gouden band",
    "ROM best / mean (°)": "ROM beste / gem. (°)",
    "Outside the pain-monitoring model: {why}. Consider a lower load or range.":
        "Buiten het pijnmonitoringsmodel: {why}. Overweeg een lagere belasting of een "
        "kleinere uitslag.",
    "{moment}, set {k}": "{moment}, serie {k}",
    "load {text} is not understood: give kilograms (e.g. 8 or 8 kg), a band level ({levels}) "
    "or bodyweight":
        "belasting {text} is niet te lezen: geef kilogrammen (bv. 8 of 8 kg), een band "
        "({levels}) of lichaamsgewicht",
    "tempo {text} is not understood: give four durations in seconds, up/hold/down/rest, "
    "e.g. 2/1/2/1":
        "tempo {text} is niet te lezen: geef vier tijden in seconden, op/vast/neer/rust, bv. "
        "2/1/2/1",
    "a result must be a number from {lo} to {hi}": "een resultaat is een getal van {lo} tot {hi}",
    "this test is measured per leg: say which (left or right)":
        "deze test wordt per been gemeten: zeg welk (links of rechts)",
    "the set of {reps} reached the target range at the prescribed tempo":
        "de serie van {reps} haalde het doelbereik in het voorgeschreven tempo",
    "the dose changed after the last visit ({old} -> {new}): see how the new dose goes first":
        "de dosering is na de vorige sessie gewijzigd ({old} -> {new}): kijk eerst hoe de "
        "nieuwe dosering gaat",
    "Lift and lower the leg slowly three times.": "Til het been langzaam op en laat het zakken, "
    "drie keer.",
    "2. Lift and lower the leg slowly three times.":
        "2. Til het been langzaam op en laat het zakken, drie keer.",
    "added to the programme": "aan het programma toegevoegd",
    "changed in the programme": "in het programma gewijzigd",
    "changed during the visit": "tijdens de sessie gewijzigd",
    "set from the command line": "via de opdrachtregel ingesteld", "order": "volgorde",
    # The measurement battery.
    "no age or sex norms in common use for this test":
        "geen leeftijds- of geslachtsnormen in gebruik voor deze test",
    "no norm: year of birth and sex not recorded":
        "geen norm: geboortejaar en geslacht niet vastgelegd",
    "no norm: year of birth not recorded": "geen norm: geboortejaar niet vastgelegd",
    "no norm: the norms are for women and men separately, and the patient's sex is not "
    "recorded as either":
        "geen norm: de normen zijn voor vrouwen en mannen apart, en het geslacht van de "
        "patiënt is als geen van beide vastgelegd",
    "no norm for age {age}: the norms cover {lo}-{hi} years":
        "geen norm voor leeftijd {age}: de normen gaan over {lo}-{hi} jaar",
    "Tests": "Testen", "result": "resultaat", "test": "test",
    "knee flexion symmetry": "symmetrie kniebuiging", "stands": "keer",
    "seconds": "seconden", "degrees of flexion": "graden buiging",
    "Sensors: {what}.": "Sensoren: {what}.",
    "not measured: the sensors did not see the test completed":
        "niet gemeten: de sensoren zagen de test niet voltooid",
    "norm {norm}: {verdict}": "norm {norm}: {verdict}",
    "since the first measurement: {delta}, {what}": "sinds de eerste meting: {delta}, {what}",
    "Test complete: the result is saved with this measurement moment.":
        "Test klaar: het resultaat is bij dit meetmoment opgeslagen.",
    "meaningful improvement": "betekenisvolle verbetering",
    "better": "beter",
    "no display to open the window on (DISPLAY is not set: over ssh or in a console). Start "
    "it from the desktop, or try it without a screen: QT_QPA_PLATFORM=offscreen monitor "
    "--demo --quit-after 20 --screenshot demo.png; the command line works anywhere (monitor "
    "--help).":
        "geen beeldscherm om het venster op te openen (DISPLAY is niet gezet: via ssh of in "
        "een console). Start het vanaf het bureaublad, of probeer het zonder scherm: "
        "QT_QPA_PLATFORM=offscreen monitor --demo --quit-after 20 --screenshot demo.png; "
        "de opdrachtregel werkt overal (monitor --help).",
    "{test}: not measured (the sensors did not see the test completed)":
        "{test}: niet gemeten (de sensoren zagen de test niet voltooid)",
    "a count of stands is a whole number, not {v}":
        "het aantal keer opstaan is een heel getal, niet {v}",
    "Step 4 of 4: press Start (or the space bar) when the patient is ready.":
        "Stap 4 van 4: druk op Start (of de spatiebalk) als de patiënt klaar is.",
    "Step 1 of 4: type the patient's code (no names) above and press Enter or Open patient.":
        "Stap 1 van 4: typ hierboven de code van de patiënt (geen namen) en druk op Enter of "
        "Patiënt openen.",
    "Step 2 of 4: strap the sensors on and connect them (Scan for sensors), or connect the "
    "demo sensors.":
        "Stap 2 van 4: maak de sensoren vast en verbind ze (Sensoren zoeken), of verbind de "
        "demosensoren.",
    "Step 3 of 4: calibrate (hold the leg still, then bend and stretch it three times), or "
    "use the last calibration.":
        "Stap 3 van 4: kalibreer (houd het been stil, buig en strek het dan drie keer), of "
        "gebruik de vorige kalibratie.",
    "Stop the set first to change the language.":
        "Stop eerst de serie om de taal te wijzigen.",
    "Language of the interface and the reports": "Taal van de schermen en de rapporten",
    "worse": "slechter",
    "meaningful improvement since the first measurement":
        "betekenisvolle verbetering sinds de eerste meting",
    "meaningful decline since the first measurement":
        "betekenisvolle achteruitgang sinds de eerste meting",
    "meaningful decline": "betekenisvolle achteruitgang",
    "no meaningful change": "geen betekenisvolle verandering",
    "below the normal range": "onder het normale bereik",
    "within the normal range": "binnen het normale bereik",
    "above the normal range": "boven het normale bereik",
    "worse than average": "slechter dan gemiddeld", "average or better": "gemiddeld of beter",
    "slower than the mean": "langzamer dan gemiddeld",
    "at or faster than the mean": "gemiddeld of sneller", "enough": "voldoende",
    "not enough": "onvoldoende", "no threshold known": "geen drempel bekend",
    "norm": "norm", "since intake": "sinds intake",
    "Do it with the sensors": "Met de sensoren afnemen", "left leg": "linkerbeen",
    "right leg": "rechterbeen", "Save the result entered": "Ingevoerd resultaat opslaan",
    "Protocol": "Protocol", "by hand:": "met de hand:", "Pain now (0-10)": "Pijn nu (0-10)",
    "Worst pain last week (0-10)": "Ergste pijn afgelopen week (0-10)",
    "an activity the patient finds hard, e.g. cycling":
        "een activiteit die de patiënt moeilijk vindt, bv. fietsen",
    "Add activity": "Activiteit toevoegen", "Save the scores": "Scores opslaan",
    "Questionnaires": "Vragenlijsten",
    "Patient-Specific Functional Scale (0 = unable, 10 = as before)":
        "Patiënt Specifieke Klachten (0 = kan het niet, 10 = zoals vroeger)",
    "born {y}": "geboren {y}", "other": "anders",
    "Measurement moment: {m}": "Meetmoment: {m}",
    "year of birth and sex not recorded: no norms":
        "geboortejaar en geslacht niet vastgelegd: geen normen",
    "(entered)": "(ingevoerd)", "symmetry {p}": "symmetrie {p}",
    "Result saved with this measurement moment.": "Resultaat bij dit meetmoment opgeslagen.",
    "Scores saved with this measurement moment.": "Scores bij dit meetmoment opgeslagen.",
    "Set: 1 repetition": "Serie: 1 herhaling", "Set: {n} repetitions": "Serie: {n} herhalingen",
    "ROM {rom:.0f}° ± {sd:.0f}°, {tut:.0f} s under tension; short of target: {low}, too fast: "
    "{fast}":
        "ROM {rom:.0f}° ± {sd:.0f}°, {tut:.0f} s onder spanning; doel niet gehaald: {low}, "
        "te snel: {fast}",
    "last: {rom:.0f}° in {t} s": "laatste: {rom:.0f}° in {t} s",
    "rise {cm} cm": "omhoog {cm} cm",
    "{p}% lost": "{p}% verloren", "simulated": "gesimuleerd",
    "1 impossible reading left out: check the sensor":
        "1 onmogelijke meting weggelaten: controleer de sensor",
    "dose": "dosering", "effort": "inspanning", "pain": "pijn", "load (kg)": "belasting (kg)",
    "repetitions done of prescribed (%)": "herhalingen gedaan van voorgeschreven (%)",
    "pain (0-10)": "pijn (0-10)", "Progress": "Voortgang", "Pain": "Pijn",
    "done of prescribed (%)": "gedaan van voorgeschreven (%)",
    "before the session": "voor de sessie", "after an exercise (highest)":
        "na een oefening (hoogste)", "next morning": "de ochtend erna",
    "decimal point": ",",
    # The command line (context "cli": monitor/cli.py, monitor/treatment_commands.py).
    "{file}: {exercise}, a recording of {seconds} s":
        "{file}: {exercise}, een opname van {seconds} s",
    "{angle}, uncalibrated": "{angle}, niet gekalibreerd",
    "{file}: {count} of {exercise} in {seconds} s ({angle})":
        "{file}: {count} van {exercise} in {seconds} s ({angle})",
    "  angle: {what}": "  hoek: {what}", "  note: {what}": "  let op: {what}",
    "  rise {cm} cm": "  omhoog {cm} cm",
    "  #{i} {start}-{end} s  ROM {rom} deg ({lo}..{hi})  tempo {up}-{hold}-{down} s  "
    "rest {rest} s":
        "  #{i} {start}-{end} s  ROM {rom}° ({lo}..{hi})  tempo {up}-{hold}-{down} s  "
        "rust {rest} s",
    "  test result: {result}": "  testresultaat: {result}",
    "below_target_range": "doel niet gehaald", "faster_than_prescribed": "te snel",
    "sensor_moved": "sensor verschoven", "thigh_missing": "bovenbeen ontbreekt",
    "shank_missing": "onderbeen ontbreekt", "pelvis_missing": "bekken ontbreekt",
    "sensor_missing": "sensor ontbreekt",
    "rise": "opstaan", "walk out": "heen lopen", "turn": "draaien", "walk back": "terug lopen",
    "turn sit": "draaien en zitten",
    "{text} is not a session id: give the number 'monitor sessions' lists":
        "{text} is geen sessienummer: geef het nummer dat 'monitor sessions' toont",
    "{path} is a session database: give --session ID (see 'monitor sessions')":
        "{path} is een sessiedatabase: geef --session ID (zie 'monitor sessions')",
    "session {session} has no recorded sets in {path}":
        "sessie {session} heeft geen opgenomen series in {path}",
    "set {set}: {exercise}, a recording of {seconds} s":
        "serie {set}: {exercise}, een opname van {seconds} s",
    "set {set}: {count} of {exercise} in {seconds} s":
        "serie {set}: {count} van {exercise} in {seconds} s",
    "; the moment's result is {value}, entered by hand in its place, which every view shows":
        "; het resultaat van het meetmoment is {value}, in plaats daarvan met de hand "
        "ingevoerd; dat tonen alle weergaven",
    "; the moment's result is {value}, from set {set}, which every view shows":
        "; het resultaat van het meetmoment is {value}, uit serie {set}; dat tonen alle "
        "weergaven",
    "not measured": "niet gemeten", " ({n} per minute)": " ({n} per minuut)",
    "; phases ": "; fasen ", "not completed ({count})": "niet afgemaakt ({count})",
    "the last stand counted halfway up": "de laatste keer opstaan halverwege meegeteld",
    "extension {deg}°": "extensie {deg}°", "timed from go": "tijd vanaf het startsein",
    "timed from first movement": "tijd vanaf de eerste beweging",
    "no sessions recorded yet": "nog geen sessies opgenomen",
    "rep {n}: ROM {rom} deg": "herhaling {n}: ROM {rom}°",
    "{path} is in use by another program: the recording goes on and its samples wait in "
    "memory until they can be saved":
        "{path} is in gebruik door een ander programma: de opname gaat door en de metingen "
        "wachten in het geheugen tot ze kunnen worden opgeslagen",
    "monitor: {path} is free again: every sample recorded so far is saved":
        "monitor: {path} is weer vrij: alle metingen tot nu toe zijn opgeslagen",
    "no patient {code} in {path}; add it with 'monitor patient add {name}'":
        "geen patiënt {code} in {path}; voeg deze toe met 'monitor patient add {name}'",
    "give the sensors with --sensor ADDRESS=PLACEMENT (see 'monitor scan'), or use --demo":
        "geef de sensoren op met --sensor ADDRESS=PLACEMENT (zie 'monitor scan'), of gebruik "
        "--demo",
    "give the recording length with --seconds S": "geef de duur van de opname op met --seconds S",
    "monitor: stopped after {seconds} s: the set is saved":
        "monitor: gestopt na {seconds} s: de serie is opgeslagen",
    "the Bluetooth adapter was removed": "de Bluetooth-adapter is verwijderd",
    "Bluetooth was switched off": "Bluetooth is uitgeschakeld",
    "monitor: error: {what} and did not come back before the set ended: the set is saved with "
    "the {held} s recorded (of {total} s)":
        "monitor: fout: {what} en kwam niet terug voor het einde van de serie: de serie is "
        "opgeslagen met de {held} s die zijn opgenomen (van {total} s)",
    "no sensors found: switch them on and bring them closer":
        "geen sensoren gevonden: zet ze aan en breng ze dichterbij",
    "  battery {pct}%": "  batterij {pct}%",
    "no sessions of patient {code} in {path}": "geen sessies van patiënt {code} in {path}",
    "unrecognized arguments: ": "onbekende argumenten: ",
    "the following arguments are required: ": "deze argumenten ontbreken: ",
    "invalid choice: ": "ongeldige keuze: ", "(choose from ": "(kies uit ",
    "expected one argument": "verwacht één argument",
    "invalid int value: ": "geen geheel getal: ", "invalid float value: ": "geen getal: ",
    "{prog}: error: {message} (see '{prog} --help')":
        "{prog}: fout: {message} (zie '{prog} --help')",
    "monitor: error: {what}": "monitor: fout: {what}",
    "monitor: warning: {what}": "monitor: waarschuwing: {what}",
    "monitor: note: {what}": "monitor: let op: {what}",
    "the package {name} is also installed by {others}, which can replace the monitor's files: "
    "install the monitor in a virtual environment of its own":
        "het pakket {name} wordt ook geïnstalleerd door {others}, dat de bestanden van de "
        "monitor kan vervangen: installeer de monitor in een eigen virtuele omgeving",
    "The session data stays in {old}, where an earlier version kept it: it could not be moved "
    "to {new} ({detail}). Close every program that uses it and start the monitor again, or "
    "move the folder there by hand.":
        "De sessiegegevens blijven in {old}, waar een eerdere versie ze bewaarde: ze konden "
        "niet naar {new} worden verplaatst ({detail}). Sluit elk programma dat ze gebruikt en "
        "start de monitor opnieuw, of verplaats de map met de hand.",
    "The session data was moved from {old}, where an earlier version kept it, to {new}, this "
    "computer's place for it.":
        "De sessiegegevens zijn verplaatst van {old}, waar een eerdere versie ze bewaarde, naar "
        "{new}, de plaats ervoor op deze computer.",
    "session": "sessie", "sessions": "sessies", "repetition": "herhaling", "rep": "herh.",
    "step": "stap", "steps": "stappen", "stand": "keer", "f": "v", "m": "m", "x": "x",
    "a patient code is 1-64 characters on one line, e.g. P0012":
        "een patiëntcode is 1-64 tekens op één regel, bv. P0012",
    "--birth-year {year}: give a year from 1900 to {now}":
        "--birth-year {year}: geef een jaar van 1900 tot en met {now}",
    "--intake-date {date}: give YYYY-MM-DD": "--intake-date {date}: geef JJJJ-MM-DD",
    "patient {code} saved": "patiënt {code} opgeslagen",
    "{code}: {joint}, {side}, born {born}, sex {sex}, intake {intake}":
        "{code}: {joint}, {side}, geboren {born}, geslacht {sex}, intake {intake}",
    "joint not given": "gewricht niet opgegeven", "side not given": "zijde niet opgegeven",
    "  notes: {notes}": "  notities: {notes}", "met": "gehaald", "not met": "niet gehaald",
    "  goal: {goal} ({status})": "  doel: {goal} ({status})",
    "  outside the pain-monitoring model: {why}": "  buiten het pijnmonitoringsmodel: {why}",
    "outside the pain-monitoring model: {why}": "buiten het pijnmonitoringsmodel: {why}",
    "no patients yet": "nog geen patiënten", "last {date}": "laatst {date}",
    "say which exercise to change with --exercise ID":
        "zeg met --exercise ID welke oefening verandert",
    "{exercise} is a measurement test, not a training exercise: it is not part of a programme":
        "{exercise} is een meettest, geen trainingsoefening: die hoort niet in een programma",
    "--range {range}: give LO,HI in degrees": "--range {range}: geef LO,HI in graden",
    "{exercise} is not in the programme of {code}":
        "{exercise} staat niet in het programma van {code}",
    "{code} has no programme yet; add exercises with --exercise ID --sets N --reps N":
        "{code} heeft nog geen programma; voeg oefeningen toe met --exercise ID --sets N "
        "--reps N",
    "{n}. {exercise}: {sets} x {reps}, {load}, tempo {tempo} s, range {lo}-{hi} deg, rest "
    "{rest} s (since {date})":
        "{n}. {exercise}: {sets} x {reps}, {load}, tempo {tempo} s, bereik {lo}-{hi}°, rust "
        "{rest} s (sinds {date})",
    "  {start} - {end}: {exercise} {sets} x {reps} {load}  {reason}":
        "  {start} - {end}: {exercise} {sets} x {reps} {load}  {reason}",
    "now": "nu",
    "{code} has no programme yet: nothing to advise":
        "{code} heeft nog geen programma: geen advies",
    "accepted into the programme": "in het programma overgenomen",
    "nothing to accept: every suggestion is to hold the dose":
        "niets over te nemen: elk advies is de dosering gelijk te houden",
    "{what} must be a whole number": "{what} moet een geheel getal zijn",
    "the demo speed is a number above 0, not {text}":
        "de demosnelheid is een getal boven 0, niet {text}",
    "{what} must be {lo}-{hi}, not {v}": "{what} moet {lo}-{hi} zijn, niet {v}",
    "give seconds as a number": "geef de seconden als getal",
    "rest between sets must be 0-900 s": "de rust tussen series moet 0-900 s zijn",
    "--pain-next-morning left out: this is the patient's first visit (the set and its other "
    "ratings are saved)":
        "--pain-next-morning weggelaten: dit is het eerste bezoek van de patiënt (de serie en "
        "de andere scores zijn opgeslagen)",
    "{option} {text}: expected NAME=NUMBER": "{option} {text}: verwacht NAAM=GETAL",
    "--add {name}: the side is left or right": "--add {name}: de zijde is left of right",
    "--activity: name the activity, e.g. 'climb stairs'":
        "--activity: noem de activiteit, bv. 'traplopen'",
    "say which measurement moment with --label, e.g. --label intake":
        "zeg met --label welk meetmoment, bv. --label intake",
    "--psfs {name}: give the activity's number, 1-{n} (add activities with --activity TEXT)":
        "--psfs {name}: geef het nummer van de activiteit, 1-{n} (voeg activiteiten toe met "
        "--activity TEKST)",
    "{code}: no test results or questionnaire scores yet":
        "{code}: nog geen testresultaten of scores van vragenlijsten",
    "training": "training", "{moment} ({date})": "{moment} ({date})",
    "{moment} ({date}, age {age})": "{moment} ({date}, leeftijd {age})",
    "  knee flexion symmetry: {value} ({basis})": "  symmetrie kniebuiging: {value} ({basis})",
    "entered": "ingevoerd",
    "norm {band} for {group} ({source}): {verdict}":
        "norm {band} voor {group} ({source}): {verdict}",
    "at or above {value} s: {what}": "{value} s of meer: {what}",
    "at most": "hoogstens", "at least": "minstens", "mean": "gemiddeld", "women": "vrouwen",
    "men": "mannen", "age": "leeftijd", "everyone": "iedereen",
    "left against the other leg": "links tegenover het andere been",
    "right against the other leg": "rechts tegenover het andere been",
    "the smaller against the larger flexion": "de kleinste tegenover de grootste buiging",
    "new measurement moment {moment} for {code} (its moments: {known})":
        "nieuw meetmoment {moment} voor {code} (de meetmomenten: {known})",
    "new measurement moment {moment} for {code}": "nieuw meetmoment {moment} voor {code}",
    "change {delta}: {words}": "verschil {delta}: {words}",
    "thigh_moved": "bovenbeen verschoven", "shank_moved": "onderbeen verschoven",
    "pelvis_moved": "bekken verschoven",
    "recovered into {out}: {what} ({damaged} unchanged)":
        "hersteld in {out}: {what} ({damaged} ongewijzigd)",
    "patient": "patiënt", "patients": "patiënten", "set": "serie",
    "calibration": "kalibratie", "calibrations": "kalibraties", "goals": "doelen",
    "programme version": "programmaversie", "programme versions": "programmaversies",
    "pain entry": "pijnscore", "pain entries": "pijnscores",
    "test result": "testresultaat", "test results": "testresultaten",
    "questionnaire score": "vragenlijstscore", "questionnaire scores": "vragenlijstscores",
    "PSFS activity": "PSK-activiteit", "PSFS activities": "PSK-activiteiten",
    "chunk of raw samples": "blok ruwe metingen", "chunks of raw samples": "blokken ruwe metingen",
    "wrote {path} ({count}, {seconds} s, {rate} Hz) with sidecar and ground truth":
        "{path} geschreven ({count}, {seconds} s, {rate} Hz) met sidecar en de werkelijke waarden",
    "wrote {path} ({test} s test, {steps}, {seconds} s, {rate} Hz) with sidecar and ground truth":
        "{path} geschreven (test van {test} s, {steps}, {seconds} s, {rate} Hz) met sidecar en de "
        "werkelijke waarden",
    # Where in a file (monitor.core.errors.InputFileError).
    "{path}, line {line}: {problem}":
        "{path}, regel {line}: {problem}",
    "{path}, column {column}: {problem}":
        "{path}, kolom {column}: {problem}",
    "{path}, line {line}, column {column}: {problem}":
        "{path}, regel {line}, kolom {column}: {problem}",
    # A file that cannot be read as IMU CSV (recordings.imu_csv).
    "file not found":
        "bestand niet gevonden",
    "cannot be read: a loop of symbolic links":
        "niet te lezen: een kring van symbolische koppelingen",
    "cannot be read: permission denied":
        "niet te lezen: geen toestemming",
    "cannot be read ({detail})":
        "niet te lezen ({detail})",
    "IMU CSV file":
        "IMU-CSV-bestand",
    "IMU CSV sidecar (JSON)":
        "sidecar van een IMU-CSV-bestand (JSON)",
    "is a folder, not an {what}":
        "is een map, geen {what}",
    "a pipe (FIFO)":
        "een pipe (FIFO)",
    "a device":
        "een apparaat",
    "a socket":
        "een socket",
    "not a regular file":
        "geen gewoon bestand",
    "is {kind}, not an {what}: give a file":
        "is {kind}, geen {what}: geef een bestand",
    "is not a regular file, not an {what}: give a file":
        "is geen gewoon bestand en dus geen {what}: geef een bestand",
    "tabs":
        "tabtekens",
    "the file is separated by {words}: save it as comma-separated CSV (numbers with a "
    "decimal point)":
        "het bestand is gescheiden door {words}: sla het op als CSV gescheiden door "
        "komma's (getallen met een decimale punt)",
    "missing column(s) {missing} in the header (expected {expected})":
        "kolom(men) {missing} ontbreken in de kopregel (verwacht {expected})",
    "magnetometer columns must be all of mag_x, mag_y, mag_z":
        "de magnetometerkolommen moeten er alle drie zijn: mag_x, mag_y, mag_z",
    "a column name appears twice in the header":
        "een kolomnaam staat twee keer in de kopregel",
    "cannot be parsed as IMU CSV":
        "niet te lezen als IMU-CSV",
    "value {value} is not a finite number":
        "waarde {value} is geen eindig getal",
    "binary data, not a CSV text file":
        "binaire gegevens, geen CSV-tekstbestand",
    "empty sensor label":
        "lege sensornaam",
    "sensor labels {a} and {b} differ only by spaces: are they one sensor or two? Write "
    "one sensor's label the same way in every row, or give two sensors different names":
        "de sensornamen {a} en {b} verschillen alleen in spaties: is dat één sensor of "
        "zijn het er twee? Schrijf de naam van een sensor in elke rij hetzelfde, of geef "
        "twee sensoren verschillende namen",
    "time goes backwards or repeats for sensor {label} ({after} s after {before} s); "
    "rows of one sensor must be in time order":
        "de tijd loopt terug of herhaalt zich bij sensor {label} ({after} s na {before} "
        "s); de rijen van één sensor moeten op volgorde van tijd staan",
    "sensor {label} has fewer than two samples":
        "sensor {label} heeft minder dan twee metingen",
    "a quoted field contains a comma ({value}): sensor labels must not contain commas":
        "een veld tussen aanhalingstekens bevat een komma ({value}): sensornamen mogen "
        "geen komma's bevatten",
    "cannot be read as CSV ({detail})":
        "niet te lezen als CSV ({detail})",
    "line {line} is longer than {kb} KB: not a row of an IMU CSV file":
        "regel {line} is langer dan {kb} KB: geen rij van een IMU-CSV-bestand",
    "file is empty (expected a header row and samples)":
        "het bestand is leeg (verwacht een kopregel en metingen)",
    "no samples after the header row":
        "geen metingen na de kopregel",
    "not valid {encoding} text: the file may be damaged":
        "geen geldige {encoding}-tekst: het bestand is mogelijk beschadigd",
    "sensor {label}: samples are {dt} s apart (median), a rate of {rate} Hz; expected "
    "{lo}-{hi} Hz":
        "sensor {label}: de metingen liggen {dt} s uit elkaar (mediaan), een frequentie "
        "van {rate} Hz; verwacht {lo}-{hi} Hz",
    "sensor {label}: samples are {dt} s apart (median), a rate of {rate} Hz; expected "
    "{lo}-{hi} Hz; is time_s in {unit}? It must be in seconds":
        "sensor {label}: de metingen liggen {dt} s uit elkaar (mediaan), een frequentie "
        "van {rate} Hz; verwacht {lo}-{hi} Hz; staat time_s in {unit}? Het moet in "
        "seconden",
    "milliseconds":
        "milliseconden",
    "microseconds":
        "microseconden",
    "row has {n} fields, expected {ncols} (truncated row?)":
        "de rij heeft {n} velden, verwacht {ncols} (afgebroken rij?)",
    "row has {n} fields, expected {ncols}":
        "de rij heeft {n} velden, verwacht {ncols}",
    "{value} is not a number":
        "{value} is geen getal",
    "sidecar is larger than {kb} KB: not a sidecar of this format":
        "de sidecar is groter dan {kb} KB: geen sidecar van dit formaat",
    "sidecar cannot be read as text (not UTF-8)":
        "de sidecar is niet als tekst te lezen (geen UTF-8)",
    "sidecar is not valid JSON ({detail})":
        "de sidecar is geen geldige JSON ({detail})",
    "'units' must be an object of COLUMN: unit":
        "'units' moet een object zijn van KOLOM: eenheid",
    "the sidecar gives {column} in {unit}, but this format reads it in {want}: convert the "
    "column (or correct 'units')":
        "de sidecar geeft {column} in {unit}, maar dit formaat leest die in {want}: reken de "
        "kolom om (of verbeter 'units')",
    "no unit": "geen eenheid",
    "patients {a} and {b} would both be {label} in {path}: export them to separate folders":
        "patiënten {a} en {b} zouden allebei {label} worden in {path}: exporteer ze naar "
        "verschillende mappen",
    "set {set} has no samples of its measured sensor":
        "serie {set} heeft geen metingen van de sensor waarmee gemeten is",
    "sidecar is not a sidecar of this format (nested too deeply)":
        "de sidecar is geen sidecar van dit formaat (te diep genest)",
    "sidecar is not a sidecar of this format ({detail})":
        "de sidecar is geen sidecar van dit formaat ({detail})",
    "sidecar must be a JSON object":
        "de sidecar moet een JSON-object zijn",
    "'sensors' must be an object of LABEL: {{placement}}":
        "'sensors' moet een object zijn van LABEL: {{placement}}",
    "sensor {label}: placement {what} is not one of {known}":
        "sensor {label}: plaats {what} is niet een van {known}",
    "missing":
        "ontbreekt",
    "a JSON {type}":
        "een JSON-{type}",
    "the sidecar names sensor(s) {named} but the file has {labels}":
        "de sidecar noemt sensor(en) {named}, maar het bestand heeft {labels}",
    "'exercise' must be an exercise id or null":
        "'exercise' moet het id van een oefening zijn, of null",
    "'exercise': {value} is not in the catalogue (see the README for the exercise ids), "
    "or null":
        "'exercise': {value} staat niet in de catalogus (zie de README voor de id's van "
        "de oefeningen), of null",
    "'side' must be 'left' or 'right', not {value}":
        "'side' moet 'left' of 'right' zijn, niet {value}",
    "'side' must be 'left' or 'right', not that":
        "'side' moet 'left' of 'right' zijn",
    "sensors {a} and {b} are both placed on the {placement}: give each sensor its own "
    "placement":
        "de sensoren {a} en {b} zitten allebei op het {placement}: geef elke sensor een "
        "eigen plaats",
    # Requests refused (monitor.cli, monitor.core.battery, monitor.core.exercises,
    # recordings.measurements, monitor.signal.analysis).
    "{path}: {problem} (--placement LABEL=PLACEMENT)":
        "{path}: {problem} (met --placement LABEL=PLACEMENT)",
    "--placement {item}: expected LABEL=PLACEMENT with PLACEMENT one of {known}":
        "--placement {item}: verwacht LABEL=PLACEMENT met als PLACEMENT een van {known}",
    "--placement: no sensor {label} in {path} (sensors: {sensors})":
        "--placement: geen sensor {label} in {path} (sensoren: {sensors})",
    "--axes {item}: expected LABEL=MAPPING, e.g. right_shank=x,y,-z":
        "--axes {item}: verwacht LABEL=MAPPING, bv. right_shank=x,y,-z",
    "--axes: no sensor {label} in {path} (sensors: {sensors})":
        "--axes: geen sensor {label} in {path} (sensoren: {sensors})",
    "the sensors have no placements; give them in a sidecar or with --placement "
    "LABEL=PLACEMENT (one of {known})":
        "de sensoren hebben geen plaats; geef die in een sidecar of met --placement "
        "LABEL=PLACEMENT (een van {known})",
    "unknown test {test}; known tests: {known}":
        "onbekende test {test}; bekende testen: {known}",
    "unknown questionnaire score {score}; known: {known}":
        "onbekende vragenlijstscore {score}; bekend: {known}",
    "unknown exercise {exercise}; known exercises: {known}, or 'none' to count "
    "repetitions of any movement":
        "onbekende oefening {exercise}; bekende oefeningen: {known}, of 'none' om "
        "herhalingen van elke beweging te tellen",
    "{instrument}: a score is {lo}-{hi}, not {v}":
        "{instrument}: een score is {lo}-{hi}, niet {v}",
    # The shared store on a PostgreSQL server.
    "The database server cannot be reached: the set goes on and is kept on this computer "
    "until the server answers again.":
        "De databaseserver is niet bereikbaar: de serie gaat door en wordt op deze computer "
        "bewaard tot de server weer antwoordt.",
    "The database server answers again: everything recorded meanwhile is uploaded.":
        "De databaseserver antwoordt weer: alles wat intussen is opgenomen is geüpload.",
    "The set is kept on this computer ({n} commits wait in {spool}): it is uploaded when the "
    "database server answers again.":
        "De serie wordt op deze computer bewaard ({n} vastleggingen wachten in {spool}): ze "
        "wordt geüpload zodra de databaseserver weer antwoordt.",
    "the database server at {where} did not accept the login ({detail}): check the user name, "
    "and the password in the password file (~/.pgpass) or PGPASSWORD":
        "de databaseserver op {where} accepteerde de aanmelding niet ({detail}): controleer de "
        "gebruikersnaam en het wachtwoord in het wachtwoordbestand (~/.pgpass) of PGPASSWORD",
    "the database server at {where} refused access ({detail}): ask whoever looks after the "
    "server to grant it":
        "de databaseserver op {where} weigerde de toegang ({detail}): vraag de beheerder van "
        "de server om toegang",
    "no database at {where} ({detail}): check the URL given with --db":
        "geen database op {where} ({detail}): controleer de URL bij --db",
    "no secure connection to {where} ({detail}): the server must offer TLS when the URL says "
    "sslmode=require":
        "geen beveiligde verbinding met {where} ({detail}): de server moet TLS bieden als de "
        "URL sslmode=require zegt",
    "the database server at {where} cannot be reached ({detail}): check the network and that "
    "the server is running":
        "de databaseserver op {where} is niet bereikbaar ({detail}): controleer het netwerk en "
        "of de server draait",
    "the connection to the database server at {where} was lost ({detail})":
        "de verbinding met de databaseserver op {where} is verbroken ({detail})",
    "the database server at {where} does not allow this ({detail}): the app's role needs the "
    "privileges the README lists":
        "de databaseserver op {where} staat dit niet toe ({detail}): de rol van de app heeft "
        "de rechten nodig die de README noemt",
    "the database server at {where} is out of space ({detail}): recording stopped; everything "
    "recorded until now is saved":
        "de databaseserver op {where} heeft geen ruimte meer ({detail}): de opname is gestopt; "
        "alles wat tot nu toe is opgenomen is bewaard",
    "{path} holds the tables of another program: give another database with --db; it was not "
    "changed":
        "{path} bevat de tabellen van een ander programma: geef een andere database met --db; "
        "er is niets gewijzigd",
    "nothing recorded yet in {path}: record a set first (or check the database named with "
    "--db)":
        "nog niets opgenomen in {path}: neem eerst een serie op (of controleer de database bij "
        "--db)",
    "{path} was written by a newer version of the app (schema {version}; this one knows up to "
    "{known}): update the app on this computer; the database was not changed":
        "{path} is geschreven door een nieuwere versie van de app (schema {version}; deze kent "
        "tot en met {known}): werk de app op deze computer bij; de database is niet gewijzigd",
    "{path} could not be upgraded to schema {version} ({detail}); it was left as it was":
        "{path} kon niet worden bijgewerkt naar schema {version} ({detail}); het is gelaten "
        "zoals het was",
    "--db {target} is not a PostgreSQL URL that can be read ({detail})":
        "--db {target} is geen leesbare PostgreSQL-URL ({detail})",
    "{dst} is not empty: nothing was copied. Copy into an empty database, or add --merge to "
    "add this history to what is there":
        "{dst} is niet leeg: er is niets gekopieerd. Kopieer naar een lege database, of voeg "
        "--merge toe om deze geschiedenis toe te voegen aan wat er al is",
    "the copy of {table} in {dst} has {n} rows, the source {m}":
        "de kopie van {table} in {dst} heeft {n} rijen, de bron {m}",
    "the raw samples copied into {dst} differ from the source (SHA-256 {a} against {b})":
        "de ruwe metingen gekopieerd naar {dst} verschillen van de bron (SHA-256 {a} tegen "
        "{b})",
    "{n} commits of {sets} sets recorded while {path} could not be reached still wait in "
    "{spool}: {why}":
        "{n} vastleggingen van {sets} series, opgenomen toen {path} niet bereikbaar was, "
        "wachten nog in {spool}: {why}",
    "uploaded {n} commits of {sets} sets recorded while {path} could not be reached":
        "{n} vastleggingen van {sets} series geüpload, opgenomen toen {path} niet bereikbaar "
        "was",
    "the database server {path} cannot be reached: the recording goes on into this "
    "computer's spool ({spool})":
        "de databaseserver {path} is niet bereikbaar: de opname gaat door in de wachtrij van "
        "deze computer ({spool})",
    "monitor: the database server {path} is back: everything recorded meanwhile is uploaded":
        "monitor: de databaseserver {path} is terug: alles wat intussen is opgenomen is "
        "geüpload",
    "the database server {path} could not be reached: the set is kept on this computer ({n} "
    "commits waiting in {spool}) and uploaded the next time monitor reaches the server":
        "de databaseserver {path} was niet bereikbaar: de serie wordt op deze computer bewaard "
        "({n} vastleggingen wachten in {spool}) en geüpload zodra monitor de server weer "
        "bereikt",
    "no session database at {path}: check the path":
        "geen sessiedatabase op {path}: controleer het pad",
    "copied {src} into {dst}:": "{src} gekopieerd naar {dst}:",
    " ({n} matched to rows already there)": " ({n} gekoppeld aan rijen die er al waren)",
    "  raw samples: {n}, SHA-256 {digest} in both (verified)":
        "  ruwe metingen: {n}, SHA-256 {digest} in beide (gecontroleerd)",
}

# Small groups (monitor/group.py, monitor/group_commands.py, monitor/ui/group_view.py).
NL.update({
    "low battery": "batterij bijna leeg", "short of range": "bereik te klein",
    "hip helping": "heup helpt mee", "set {x} of {y}": "serie {x} van {y}",
    "Group session: {n} participants": "Groepssessie: {n} deelnemers",
    "Group session": "Groepssessie", "Start all": "Alles starten", "Stop all": "Alles stoppen",
    "sound cues (a pitch per participant)": "geluid (een toonhoogte per deelnemer)",
    "◀  Back to the group": "◀  Terug naar de groep", "angle": "hoek",
    "Demo group (6 participants)": "Demogroep (6 deelnemers)",
    "A small group with simulated sensors: one tile per participant":
        "Een kleine groep met gesimuleerde sensoren: één tegel per deelnemer",
    "give the number of participants with --participants N (2-8)":
        "geef het aantal deelnemers op met --participants N (2-8)",
    "Group session {id}": "Groepssessie {id}",
    "{name} ({code}): {exercise}, {reps} in {sets}, session {session}":
        "{name} ({code}): {exercise}, {reps} in {sets}, sessie {session}",
    "give the sensors with --sensor ADDRESS=CODE:PLACEMENT (see 'monitor scan'), or use "
    "--demo --participants N":
        "geef de sensoren op met --sensor ADRES=CODE:PLAATS (zie 'monitor scan'), of gebruik "
        "--demo --participants N",
    "A group has at most {n} participants.": "Een groep heeft hoogstens {n} deelnemers.",
    "Patient {code} is in the group already.": "Patiënt {code} zit al in de groep.",
    "A group needs at least {n} participants.": "Een groep heeft minstens {n} deelnemers nodig.",
    "A group has {lo} to {hi} participants, not {n}.":
        "Een groep heeft {lo} tot {hi} deelnemers, niet {n}.",
    "--sensor {item}: expected ADDRESS=CODE:PLACEMENT with PLACEMENT one of {known}":
        "--sensor {item}: verwacht ADRES=CODE:PLAATS met PLAATS een van {known}",
    "--sensor {item}: that sensor is given twice": "--sensor {item}: die sensor staat er twee keer",
    "Bluetooth is full: sensor {address} cannot be connected (sensors per adapter: {where}). "
    "Plug in another Bluetooth adapter, or connect fewer sensors (one per participant).":
        "Bluetooth is vol: sensor {address} kan niet verbonden worden (sensoren per adapter: "
        "{where}). "
        "Sluit nog een Bluetooth-adapter aan, of verbind minder sensoren (één per deelnemer).",
})


# The group set-up with real sensors, calibrating everyone at once, rates a group is given.
NL.update({
    "Group session with sensors": "Groepssessie met sensoren",
    "Group session with sensors...": "Groepssessie met sensoren...",
    "2-8 patients training at once, each with their own sensors":
        "2-8 patiënten die tegelijk trainen, elk met eigen sensoren",
    "Name on the tile": "Naam op de tegel",
    "Trains": "Traint",
    "Add participant": "Deelnemer toevoegen",
    "Remove the last": "Laatste verwijderen",
    "1. Participants (2-8)": "1. Deelnemers (2-8)",
    "Scan and connect the sensors": "Sensoren zoeken en verbinden",
    "Sensor": "Sensor",
    "Moving": "Beweegt",
    "Worn by": "Gedragen door",
    "Where": "Waar",
    "Scan, then shake or tap the sensor you are holding: it lights up in the list. Say who "
    "wears it and where.":
        "Zoek, en schud of tik dan op de sensor die u vasthoudt: die licht op in de lijst. "
        "Kies wie hem draagt en waar.",
    "2. Sensors": "2. Sensoren",
    "Start the group": "Groep starten",
    "(choose a patient)": "(kies een patiënt)",
    "first name or code": "voornaam of code",
    "their programme": "eigen programma",
    "Scanning with {n} Bluetooth adapter(s)...": "Zoeken met {n} Bluetooth-adapter(s)...",
    "{n} sensors found: connecting...": "{n} sensoren gevonden: verbinden...",
    "{n} sensors on {a} adapter(s): each streams at about {hz} Hz, which Bluetooth carries "
    "without losing samples.":
        "{n} sensoren op {a} adapter(s): elk meet met ongeveer {hz} Hz, wat Bluetooth "
        "zonder verlies van metingen doorgeeft.",
    "{n} sensors connected. Shake or tap the sensor you are holding.":
        "{n} sensoren verbonden. Schud of tik op de sensor die u vasthoudt.",
    "Picked: {sensor}. Who wears it, and where?": "Gekozen: {sensor}. Wie draagt hem, en waar?",
    "Choose at least {n} patients.": "Kies minstens {n} patiënten.",
    "A patient is in the list twice.": "Een patiënt staat twee keer in de lijst.",
    "No sensor for {who} yet: shake a sensor and give it to them.":
        "Nog geen sensor voor {who}: schud een sensor en geef die aan hen.",
    "Two sensors are given to one patient at one place.":
        "Twee sensoren zijn aan één patiënt op dezelfde plaats gegeven.",
    "Calibrate everyone": "Iedereen kalibreren",
    "Everyone not exercising holds still in the start posture for 2 seconds, then makes 3 "
    "slow movements; then press Done.":
        "Iedereen die niet oefent houdt 2 seconden stil in de beginhouding en maakt dan 3 "
        "langzame bewegingen; druk daarna op Klaar.",
    "Done calibrating": "Klaar met kalibreren",
    "Hold still in the start posture for 2 seconds, then 3 slow movements.":
        "Houd 2 seconden stil in de beginhouding, dan 3 langzame bewegingen.",
    "not calibrated": "niet gekalibreerd",
    "calibrating {s} s: hold still, then 3 slow movements ({deg}° so far)":
        "kalibreren {s} s: stilhouden, dan 3 langzame bewegingen ({deg}° tot nu)",
    "{n} sensors on {a} Bluetooth adapter(s): each streams at {hz} Hz, which Bluetooth "
    "carries without losing samples":
        "{n} sensoren op {a} Bluetooth-adapter(s): elk meet met {hz} Hz, wat Bluetooth "
        "zonder verlies van metingen doorgeeft",
})


# Found by a new user's trial of the group features.
NL.update({
    "--sensor {item}: {address} is not a Bluetooth address (six pairs of hex digits, as "
    "'monitor scan' lists them)":
        "--sensor {item}: {address} is geen Bluetooth-adres (zes paren hexadecimale cijfers, "
        "zoals 'monitor scan' ze toont)",
    "--sensor {item}: {code} has a sensor at that place already":
        "--sensor {item}: {code} heeft op die plaats al een sensor",
    "This exercise is measured on the {segment}: strap a sensor there.":
        "Deze oefening wordt gemeten op het {segment}: maak daar een sensor vast.",
    "--seconds must be more than 0": "--seconds moet meer dan 0 zijn",
    "--reps must be 1-1000": "--reps moet 1-1000 zijn",
    "--rate must be 20-400 Hz": "--rate moet 20-400 Hz zijn",
    "stored in the demo database: monitor --db {path} sessions":
        "opgeslagen in de demodatabase: monitor --db {path} sessions",
    "Two sensors are given to {who} at one place ({where}).":
        "Twee sensoren zijn aan {who} op dezelfde plaats gegeven ({where}).",
    "{who} trains {exercise}, which is measured on the lower leg: give them a sensor there.":
        "{who} traint {exercise}, dat op het onderbeen wordt gemeten: geef daar een sensor.",
    "{who} trains {exercise}, which is measured on the thigh: give them a sensor there.":
        "{who} traint {exercise}, dat op het bovenbeen wordt gemeten: geef daar een sensor.",
    "Bluetooth is full: {n} sensors found could not be connected (sensors per adapter: "
    "{where}). Switch off the sensors nobody will wear and scan again, or plug in another "
    "Bluetooth adapter.":
        "Bluetooth is vol: {n} gevonden sensoren konden niet worden verbonden (sensoren per "
        "adapter: {where}). Zet de sensoren uit die niemand draagt en zoek opnieuw, of sluit "
        "nog een Bluetooth-adapter aan.",
    "{n} sensors connected.": "{n} sensoren verbonden.",
    "The sensors of {who} are not used now: give them to someone, or leave them unused.":
        "De sensoren van {who} worden nu niet gebruikt: geef ze aan iemand, of laat ze "
        "ongebruikt.",
    "--exercise {item}: expected CODE=EXERCISE with EXERCISE one of {known}":
        "--exercise {item}: verwacht CODE=OEFENING met OEFENING een van {known}",
    "--exercise {item}: {code} wears no sensor in this group":
        "--exercise {item}: {code} draagt geen sensor in deze groep",
    "sound": "geluid",
})


def main() -> None:
    path = Path(__file__).with_name("monitor_nl.ts")
    text = path.read_text(encoding="utf-8")

    def fill(m: re.Match) -> str:
        source = unescape(m.group(1))
        nl = NL.get(source)
        if nl is None:
            return m.group(0)
        return (f"<source>{m.group(1)}</source>\n        <translation>{escape(nl, False)}"
                "</translation>")

    # Finished translations follow the table too (a corrected Dutch text replaces the old).
    text = re.sub(r"<source>([^<]*)</source>\s*<translation>[^<]*</translation>", fill, text,
                  flags=re.S)
    text = re.sub(r"<source>([^<]*)</source>\s*<translation type=\"unfinished\"\s*/>", fill,
                  text, flags=re.S)
    text = re.sub(r"<source>([^<]*)</source>\s*<translation type=\"unfinished\">[^<]*"
                  r"</translation>", fill, text, flags=re.S)
    path.write_text(text, encoding="utf-8")
    missing = re.findall(r"<source>([^<]*)</source>\s*<translation type=\"unfinished\"", text)
    print(f"filled; {len(missing)} untranslated: {missing}")


if __name__ == "__main__":
    main()
