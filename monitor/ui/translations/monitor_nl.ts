<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AngleGauge</name>
    <message>
        <location filename="../widgets.py" line="77"/>
        <source>{angle} (uncalibrated)</source>
        <translation>{angle} (niet gekalibreerd)</translation>
    </message>
</context>
<context>
    <name>GroupSetup</name>
    <message>
        <location filename="../group_setup.py" line="67"/>
        <source>Group session with sensors</source>
        <translation>Groepssessie met sensoren</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="79"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="79"/>
        <source>Name on the tile</source>
        <translation>Naam op de tegel</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="79"/>
        <source>Trains</source>
        <translation>Traint</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="82"/>
        <source>Add participant</source>
        <translation>Deelnemer toevoegen</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="84"/>
        <source>Remove the last</source>
        <translation>Laatste verwijderen</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="86"/>
        <source>1. Participants (2-8)</source>
        <translation>1. Deelnemers (2-8)</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="96"/>
        <source>Scan and connect the sensors</source>
        <translation>Sensoren zoeken en verbinden</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="100"/>
        <source>Sensor</source>
        <translation>Sensor</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="100"/>
        <source>Moving</source>
        <translation>Beweegt</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="100"/>
        <source>Worn by</source>
        <translation>Gedragen door</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="100"/>
        <source>Where</source>
        <translation>Waar</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="107"/>
        <source>Scan, then shake or tap the sensor you are holding: it lights up in the list. Say who wears it and where.</source>
        <translation>Zoek, en schud of tik dan op de sensor die u vasthoudt: die licht op in de lijst. Kies wie hem draagt en waar.</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="111"/>
        <source>2. Sensors</source>
        <translation>2. Sensoren</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="119"/>
        <source>Start the group</source>
        <translation>Groep starten</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="140"/>
        <source>A group has at most {n} participants.</source>
        <translation>Een groep heeft hoogstens {n} deelnemers.</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="146"/>
        <source>(choose a patient)</source>
        <translation>(kies een patiënt)</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="150"/>
        <source>first name or code</source>
        <translation>voornaam of code</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="152"/>
        <source>their programme</source>
        <translation>eigen programma</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="201"/>
        <location filename="../group_setup.py" line="311"/>
        <source>not used</source>
        <translation>niet gebruikt</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="213"/>
        <source>The sensors of {who} are not used now: give them to someone, or leave them unused.</source>
        <translation>De sensoren van {who} worden nu niet gebruikt: geef ze aan iemand, of laat ze ongebruikt.</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="224"/>
        <source>Scanning with {n} Bluetooth adapter(s)...</source>
        <translation>Zoeken met {n} Bluetooth-adapter(s)...</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="241"/>
        <source>No sensors found: switch them on and bring them closer.</source>
        <translation>Geen sensoren gevonden: zet ze aan en breng ze dichterbij.</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="246"/>
        <source>{n} sensors found: connecting...</source>
        <translation>{n} sensoren gevonden: verbinden...</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="250"/>
        <source>{n} sensors on {a} adapter(s): each streams at about {hz} Hz, which Bluetooth carries without losing samples.</source>
        <translation>{n} sensoren op {a} adapter(s): elk meet met ongeveer {hz} Hz, wat Bluetooth zonder verlies van metingen doorgeeft.</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="287"/>
        <source>Bluetooth is full: {n} sensors found could not be connected (sensors per adapter: {where}). Switch off the sensors nobody will wear and scan again, or plug in another Bluetooth adapter.</source>
        <translation>Bluetooth is vol: {n} gevonden sensoren konden niet worden verbonden (sensoren per adapter: {where}). Zet de sensoren uit die niemand draagt en zoek opnieuw, of sluit nog een Bluetooth-adapter aan.</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="292"/>
        <source>{n} sensors connected.</source>
        <translation>{n} sensoren verbonden.</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="295"/>
        <source>{n} sensors connected. Shake or tap the sensor you are holding.</source>
        <translation>{n} sensoren verbonden. Schud of tik op de sensor die u vasthoudt.</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="343"/>
        <source>right thigh</source>
        <translation>rechterbovenbeen</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="343"/>
        <source>right shank</source>
        <translation>rechteronderbeen</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="344"/>
        <source>left thigh</source>
        <translation>linkerbovenbeen</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="344"/>
        <source>left shank</source>
        <translation>linkeronderbeen</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="394"/>
        <source>Picked: {sensor}. Who wears it, and where?</source>
        <translation>Gekozen: {sensor}. Wie draagt hem, en waar?</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="407"/>
        <source>Choose at least {n} patients.</source>
        <translation>Kies minstens {n} patiënten.</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="409"/>
        <source>A patient is in the list twice.</source>
        <translation>Een patiënt staat twee keer in de lijst.</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="414"/>
        <source>No sensor for {who} yet: shake a sensor and give it to them.</source>
        <translation>Nog geen sensor voor {who}: schud een sensor en geef die aan hen.</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="418"/>
        <source>Two sensors are given to {who} at one place ({where}).</source>
        <translation>Twee sensoren zijn aan {who} op dezelfde plaats gegeven ({where}).</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="426"/>
        <source>{who} trains {exercise}, which is measured on the lower leg: give them a sensor there.</source>
        <translation>{who} traint {exercise}, dat op het onderbeen wordt gemeten: geef daar een sensor.</translation>
    </message>
    <message>
        <location filename="../group_setup.py" line="430"/>
        <source>{who} trains {exercise}, which is measured on the thigh: give them a sensor there.</source>
        <translation>{who} traint {exercise}, dat op het bovenbeen wordt gemeten: geef daar een sensor.</translation>
    </message>
</context>
<context>
    <name>GroupView</name>
    <message>
        <location filename="../group_view.py" line="258"/>
        <source>Group session: {n} participants</source>
        <translation>Groepssessie: {n} deelnemers</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="262"/>
        <source>Start all</source>
        <translation>Alles starten</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="265"/>
        <location filename="../group_view.py" line="424"/>
        <source>Calibrate everyone</source>
        <translation>Iedereen kalibreren</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="266"/>
        <source>Everyone not exercising holds still in the start posture for 2 seconds, then makes 3 slow movements; then press Done.</source>
        <translation>Iedereen die niet oefent houdt 2 seconden stil in de beginhouding en maakt dan 3 langzame bewegingen; druk daarna op Klaar.</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="271"/>
        <source>Stop all</source>
        <translation>Alles stoppen</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="276"/>
        <source>sound</source>
        <translation>geluid</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="277"/>
        <source>sound cues (a pitch per participant)</source>
        <translation>geluid (een toonhoogte per deelnemer)</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="305"/>
        <source>◀  Back to the group</source>
        <translation>◀  Terug naar de groep</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="314"/>
        <location filename="../group_view.py" line="433"/>
        <source>Calibrate</source>
        <translation>Kalibreren</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="373"/>
        <source>angle</source>
        <translation>hoek</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="423"/>
        <source>Done calibrating</source>
        <translation>Klaar met kalibreren</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="433"/>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="437"/>
        <source>Hold still in the start posture for 2 seconds, then 3 slow movements.</source>
        <translation>Houd 2 seconden stil in de beginhouding, dan 3 langzame bewegingen.</translation>
    </message>
</context>
<context>
    <name>GroupWindow</name>
    <message>
        <location filename="../group_view.py" line="464"/>
        <source>Group session</source>
        <translation>Groepssessie</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../history_view.py" line="56"/>
        <source>moment</source>
        <translation>moment</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="56"/>
        <source>date</source>
        <translation>datum</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="56"/>
        <source>sets</source>
        <translation>series</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="56"/>
        <location filename="../history_view.py" line="162"/>
        <source>reps</source>
        <translation>herh.</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="193"/>
        <source>best ROM (°)</source>
        <translation>beste ROM (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="194"/>
        <source>mean ROM (°)</source>
        <translation>gem. ROM (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="57"/>
        <source>load</source>
        <translation>belasting</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="57"/>
        <source>change (°)</source>
        <translation>verschil (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="57"/>
        <source>ROM best / mean (°)</source>
        <translation>ROM beste / gem. (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="58"/>
        <source>effort</source>
        <translation>inspanning</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="58"/>
        <source>pain</source>
        <translation>pijn</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="64"/>
        <source>range of motion</source>
        <translation>bewegingsuitslag</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="64"/>
        <location filename="../history_view.py" line="195"/>
        <location filename="../history_view.py" line="221"/>
        <source>repetitions</source>
        <translation>herhalingen</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="65"/>
        <source>tempo (up / down)</source>
        <translation>tempo (op / neer)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="66"/>
        <source>time under tension</source>
        <translation>tijd onder spanning</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="67"/>
        <source>rise (heel raise)</source>
        <translation>hoogte (op de tenen)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="68"/>
        <location filename="../history_view.py" line="202"/>
        <location filename="../history_view.py" line="224"/>
        <source>load (kg)</source>
        <translation>belasting (kg)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="69"/>
        <location filename="../history_view.py" line="203"/>
        <source>repetitions done of prescribed (%)</source>
        <translation>herhalingen gedaan van voorgeschreven (%)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="73"/>
        <location filename="../history_view.py" line="221"/>
        <source>ROM (°)</source>
        <translation>ROM (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="76"/>
        <source>time from first repetition</source>
        <translation>tijd vanaf eerste herhaling</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="78"/>
        <source>Replay selected</source>
        <translation>Geselecteerde afspelen</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="79"/>
        <source>Overlay first and selected</source>
        <translation>Eerste en geselecteerde over elkaar</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="80"/>
        <source>Report (PDF)...</source>
        <translation>Rapport (PDF)...</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="86"/>
        <source>pain (0-10)</source>
        <translation>pijn (0-10)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="94"/>
        <source>Exercise</source>
        <translation>Oefening</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="96"/>
        <source>Chart</source>
        <translation>Grafiek</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="109"/>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="110"/>
        <source>Pain</source>
        <translation>Pijn</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="111"/>
        <source>Goals</source>
        <translation>Doelen</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="124"/>
        <source>Tests</source>
        <translation>Testen</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="162"/>
        <source>result</source>
        <translation>resultaat</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="196"/>
        <source>up (s)</source>
        <translation>op (s)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="197"/>
        <source>down (s)</source>
        <translation>neer (s)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="198"/>
        <location filename="../history_view.py" line="223"/>
        <source>time under tension (s)</source>
        <translation>tijd onder spanning (s)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="200"/>
        <source>best rise (cm)</source>
        <translation>beste hoogte (cm)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="201"/>
        <source>mean rise (cm)</source>
        <translation>gem. hoogte (cm)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="222"/>
        <source>phase duration (s)</source>
        <translation>duur van de fase (s)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="224"/>
        <source>rise (cm)</source>
        <translation>hoogte (cm)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="225"/>
        <source>done of prescribed (%)</source>
        <translation>gedaan van voorgeschreven (%)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="258"/>
        <source>{moment}, set {k}</source>
        <translation>{moment}, serie {k}</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="283"/>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="288"/>
        <source>knee flexion symmetry</source>
        <translation>symmetrie kniebuiging</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="294"/>
        <source>left</source>
        <translation>links</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="294"/>
        <source>right</source>
        <translation>rechts</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="307"/>
        <source>better</source>
        <translation>beter</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="309"/>
        <source>worse</source>
        <translation>slechter</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="314"/>
        <source>meaningful improvement since the first measurement</source>
        <translation>betekenisvolle verbetering sinds de eerste meting</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="316"/>
        <source>meaningful decline since the first measurement</source>
        <translation>betekenisvolle achteruitgang sinds de eerste meting</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="367"/>
        <source>training visit</source>
        <translation>training</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="374"/>
        <source>before the session</source>
        <translation>voor de sessie</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="375"/>
        <source>after an exercise (highest)</source>
        <translation>na een oefening (hoogste)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="376"/>
        <source>next morning</source>
        <translation>de ochtend erna</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="396"/>
        <source>goal</source>
        <translation>doel</translation>
    </message>
</context>
<context>
    <name>LegAnimation</name>
    <message>
        <location filename="../widgets.py" line="215"/>
        <source>hold still</source>
        <translation>stil houden</translation>
    </message>
    <message>
        <location filename="../widgets.py" line="217"/>
        <source>rise onto the toes slowly</source>
        <translation>langzaam op de tenen</translation>
    </message>
    <message>
        <location filename="../widgets.py" line="219"/>
        <source>bend and stretch slowly</source>
        <translation>langzaam buigen en strekken</translation>
    </message>
</context>
<context>
    <name>LiveView</name>
    <message>
        <location filename="../live_view.py" line="200"/>
        <location filename="../live_view.py" line="329"/>
        <location filename="../live_view.py" line="357"/>
        <source>repetitions</source>
        <translation>herhalingen</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="213"/>
        <source>time</source>
        <translation>tijd</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="226"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="226"/>
        <source>ROM (°)</source>
        <translation>ROM (°)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="227"/>
        <source>up (s)</source>
        <translation>op (s)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="227"/>
        <source>hold (s)</source>
        <translation>vast (s)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="228"/>
        <source>down (s)</source>
        <translation>neer (s)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="228"/>
        <source>note</source>
        <translation>let op</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="247"/>
        <source>Start  (space)</source>
        <translation>Start  (spatie)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="249"/>
        <location filename="../live_view.py" line="391"/>
        <source>Pause</source>
        <translation>Pauze</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="251"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="264"/>
        <location filename="../live_view.py" line="457"/>
        <source>Pause replay</source>
        <translation>Afspelen pauzeren</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="278"/>
        <source>speed</source>
        <translation>snelheid</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="330"/>
        <location filename="../live_view.py" line="358"/>
        <source>of {n} repetitions</source>
        <translation>van {n} herhalingen</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="391"/>
        <source>Resume</source>
        <translation>Verder</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="410"/>
        <location filename="../live_view.py" line="425"/>
        <source>rise {cm} cm</source>
        <translation>omhoog {cm} cm</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="422"/>
        <source>last: {rom:.0f}° in {t} s</source>
        <translation>laatste: {rom:.0f}° in {t} s</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="476"/>
        <source>Set: 1 repetition</source>
        <translation>Serie: 1 herhaling</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="477"/>
        <source>Set: {n} repetitions</source>
        <translation>Serie: {n} herhalingen</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="479"/>
        <source>ROM {rom:.0f}° ± {sd:.0f}°, {tut:.0f} s under tension; short of target: {low}, too fast: {fast}</source>
        <translation>ROM {rom:.0f}° ± {sd:.0f}°, {tut:.0f} s onder spanning; doel niet gehaald: {low}, te snel: {fast}</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="436"/>
        <source>short of target</source>
        <translation>doel niet gehaald</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="437"/>
        <source>too fast</source>
        <translation>te snel</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="438"/>
        <source>sensor moved?</source>
        <translation>sensor verschoven?</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="439"/>
        <source>thigh moved</source>
        <translation>bovenbeen bewoog</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="440"/>
        <source>lower leg moved</source>
        <translation>onderbeen bewoog</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="441"/>
        <source>thigh sensor silent</source>
        <translation>bovenbeensensor viel weg</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="442"/>
        <source>lower-leg sensor silent</source>
        <translation>onderbeensensor viel weg</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="443"/>
        <location filename="../live_view.py" line="444"/>
        <source>sensor silent</source>
        <translation>sensor viel weg</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="457"/>
        <source>Play replay</source>
        <translation>Verder afspelen</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="469"/>
        <source>No repetition in this set: it is kept, but not shown in the history.</source>
        <translation>Geen herhaling in deze serie: ze is bewaard, maar staat niet in het verloop.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="80"/>
        <source>Exercise monitor</source>
        <translation>Oefenmonitor</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="97"/>
        <location filename="../main_window.py" line="1151"/>
        <source>training visit</source>
        <translation>training</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="105"/>
        <source>Open patient</source>
        <translation>Patiënt openen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="107"/>
        <source>sound</source>
        <translation>geluid</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="110"/>
        <source>speak counts</source>
        <translation>tellen hardop</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="113"/>
        <location filename="../main_window.py" line="266"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="115"/>
        <source>Moment</source>
        <translation>Meetmoment</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="117"/>
        <source>Exercise</source>
        <translation>Oefening</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="126"/>
        <source>Language of the interface and the reports</source>
        <translation>Taal van de schermen en de rapporten</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="132"/>
        <location filename="../main_window.py" line="931"/>
        <source>No sensors connected.</source>
        <translation>Geen sensoren verbonden.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="135"/>
        <source>Connect demo sensors</source>
        <translation>Demosensoren verbinden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="137"/>
        <source>Demo group (6 participants)</source>
        <translation>Demogroep (6 deelnemers)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="138"/>
        <source>A small group with simulated sensors: one tile per participant</source>
        <translation>Een kleine groep met gesimuleerde sensoren: één tegel per deelnemer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="142"/>
        <source>Group session with sensors...</source>
        <translation>Groepssessie met sensoren...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="143"/>
        <source>2-8 patients training at once, each with their own sensors</source>
        <translation>2-8 patiënten die tegelijk trainen, elk met eigen sensoren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="148"/>
        <location filename="../main_window.py" line="715"/>
        <source>Scan for sensors</source>
        <translation>Sensoren zoeken</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="153"/>
        <source>Connect selected</source>
        <translation>Gekozen sensoren verbinden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="160"/>
        <location filename="../main_window.py" line="802"/>
        <source>Calibrate</source>
        <translation>Kalibreren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="162"/>
        <source>Use last calibration</source>
        <translation>Vorige kalibratie gebruiken</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="164"/>
        <source>Checks in a still pose that the sensors sit as they did</source>
        <translation>Controleert in een stille houding of de sensoren nog net zo zitten</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171"/>
        <source>Sensors</source>
        <translation>Sensoren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="180"/>
        <source>Calibration</source>
        <translation>Kalibratie</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="200"/>
        <source>8 kg, red band, bodyweight</source>
        <translation>8 kg, rode band, lichaamsgewicht</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="205"/>
        <source>Targets</source>
        <translation>Streefwaarden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="207"/>
        <source>range</source>
        <translation>bereik</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="210"/>
        <source>tempo up / hold / down / rest (s)</source>
        <translation>tempo op / vast / neer / rust (s)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215"/>
        <source>reps x sets</source>
        <translation>herh. x series</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="218"/>
        <source>load</source>
        <translation>belasting</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="222"/>
        <source>rest between sets</source>
        <translation>rust tussen series</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="231"/>
        <source>note for this set</source>
        <translation>opmerking bij deze serie</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="238"/>
        <source>Note</source>
        <translation>Opmerking</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="260"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="267"/>
        <source>Tests</source>
        <translation>Testen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="268"/>
        <source>History</source>
        <translation>Verloop</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="313"/>
        <source>Type a patient code first (no names needed), e.g. P0012.</source>
        <translation>Typ eerst een patiëntcode (geen naam nodig), bv. P0012.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="317"/>
        <source>Stop the set first to open another patient.</source>
        <translation>Stop eerst de serie om een andere patiënt te openen.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="337"/>
        <source>New patient {code}: fill in the details and goals on the Patient tab (year of birth and sex for the test norms).</source>
        <translation>Nieuwe patiënt {code}: vul de gegevens en doelen in op het tabblad Patiënt (geboortejaar en geslacht voor de testnormen).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="341"/>
        <source>Patient {code}: first session</source>
        <translation>Patiënt {code}: eerste sessie</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="343"/>
        <source>Patient {code}: 1 earlier session</source>
        <translation>Patiënt {code}: 1 eerdere sessie</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="345"/>
        <source>Patient {code}: {n} earlier sessions</source>
        <translation>Patiënt {code}: {n} eerdere sessies</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="379"/>
        <source>Stop the set first to change the language.</source>
        <translation>Stop eerst de serie om de taal te wijzigen.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="442"/>
        <source>stands</source>
        <translation>keer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="442"/>
        <source>seconds</source>
        <translation>seconden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="443"/>
        <source>degrees of flexion</source>
        <translation>graden buiging</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="473"/>
        <source>Sensors: {what}.</source>
        <translation>Sensoren: {what}.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="490"/>
        <source>not measured: the sensors did not see the test completed</source>
        <translation>niet gemeten: de sensoren zagen de test niet voltooid</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="506"/>
        <source>norm {norm}: {verdict}</source>
        <translation>norm {norm}: {verdict}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="512"/>
        <source>since the first measurement: {delta}, {what}</source>
        <translation>sinds de eerste meting: {delta}, {what}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="532"/>
        <source>Programme done: {n} exercises</source>
        <translation>Programma klaar: {n} oefeningen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="534"/>
        <source>Exercise {k} of {n} done</source>
        <translation>Oefening {k} van {n} klaar</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="537"/>
        <source>Exercise {k} of {n} · set {s} of {m} · {load}</source>
        <translation>Oefening {k} van {n} · serie {s} van {m} · {load}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="550"/>
        <source>Outside the pain-monitoring model: {why}. Consider a lower load or range.</source>
        <translation>Buiten het pijnmonitoringsmodel: {why}. Overweeg een lagere belasting of een kleinere uitslag.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="564"/>
        <source>0 = no pain, 10 = worst imaginable pain (numeric rating scale); 0-5 is acceptable during training</source>
        <translation>0 = geen pijn, 10 = ergst denkbare pijn (NPRS); 0-5 is aanvaardbaar tijdens de training</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="566"/>
        <source>Borg CR10: 0 nothing at all, 3 moderate, 5 hard, 7 very hard, 10 maximal</source>
        <translation>Borg CR10: 0 helemaal niets, 3 matig, 5 zwaar, 7 zeer zwaar, 10 maximaal</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="569"/>
        <source>How was the pain the morning after the last session?</source>
        <translation>Hoeveel pijn was er de ochtend na de vorige sessie?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="572"/>
        <source>Pain now, before the session?</source>
        <translation>Pijn nu, voor de sessie?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="574"/>
        <source>Effort of this set?</source>
        <translation>Inspanning van deze serie?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="576"/>
        <source>Pain during {exercise}?</source>
        <translation>Pijn tijdens {exercise}?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="604"/>
        <source>All exercises of the programme are done.</source>
        <translation>Alle oefeningen van het programma zijn klaar.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="612"/>
        <source>Next: {exercise}. Calibrate, or use the last calibration.</source>
        <translation>Volgende: {exercise}. Kalibreer, of gebruik de vorige kalibratie.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="640"/>
        <source>Stop the set first to change the exercise.</source>
        <translation>Stop eerst de serie om van oefening te wisselen.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="650"/>
        <source>Next sets: {exercise}. Calibrate, or use the last calibration.</source>
        <translation>Volgende series: {exercise}. Kalibreer, of gebruik de vorige kalibratie.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="709"/>
        <source>Scanning...</source>
        <translation>Zoeken...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="725"/>
        <source>No sensors found: switch them on and bring them closer.</source>
        <translation>Geen sensoren gevonden: zet ze aan en breng ze dichterbij.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="733"/>
        <source>not used</source>
        <translation>niet gebruikt</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="752"/>
        <source>Choose where each sensor sits first.</source>
        <translation>Kies eerst waar elke sensor zit.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="758"/>
        <source>Connecting...</source>
        <translation>Verbinden...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="790"/>
        <source>Connect the sensors first.</source>
        <translation>Verbind eerst de sensoren.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="795"/>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="797"/>
        <source>Recording... press Done when finished.</source>
        <translation>Opnemen... druk op Klaar als u klaar bent.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="815"/>
        <source>knee flexion</source>
        <translation>kniebuiging</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="816"/>
        <source>hip flexion</source>
        <translation>heupbuiging</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="817"/>
        <source>hip extension</source>
        <translation>heupstrekking</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="818"/>
        <source>hip abduction</source>
        <translation>heupabductie</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="819"/>
        <source>lower-leg tilt</source>
        <translation>kanteling onderbeen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="820"/>
        <source>thigh tilt</source>
        <translation>kanteling bovenbeen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="890"/>
        <source>2. Lift and lower the leg slowly three times.</source>
        <translation>2. Til het been langzaam op en laat het zakken, drie keer.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="936"/>
        <source>no Bluetooth adapter</source>
        <translation>geen Bluetooth-adapter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="937"/>
        <source>Bluetooth off</source>
        <translation>Bluetooth uit</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="949"/>
        <source>battery low: {p}%</source>
        <translation>batterij bijna leeg: {p}%</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="951"/>
        <source>{p}% lost</source>
        <translation>{p}% verloren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="956"/>
        <source>1 impossible reading left out: check the sensor</source>
        <translation>1 onmogelijke meting weggelaten: controleer de sensor</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="959"/>
        <source>simulated</source>
        <translation>gesimuleerd</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1053"/>
        <source>Step 1 of 4: type the patient&apos;s code (no names) above and press Enter or Open patient.</source>
        <translation>Stap 1 van 4: typ hierboven de code van de patiënt (geen namen) en druk op Enter of Patiënt openen.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1056"/>
        <source>Step 2 of 4: strap the sensors on and connect them (Scan for sensors), or connect the demo sensors.</source>
        <translation>Stap 2 van 4: maak de sensoren vast en verbind ze (Sensoren zoeken), of verbind de demosensoren.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1059"/>
        <source>Step 3 of 4: calibrate (hold the leg still, then bend and stretch it three times), or use the last calibration.</source>
        <translation>Stap 3 van 4: kalibreer (houd het been stil, buig en strek het dan drie keer), of gebruik de vorige kalibratie.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1062"/>
        <source>Step 4 of 4: press Start (or the space bar) when the patient is ready.</source>
        <translation>Stap 4 van 4: druk op Start (of de spatiebalk) als de patiënt klaar is.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1111"/>
        <source>All sets of {exercise} done: press Next exercise.</source>
        <translation>Alle series van {exercise} klaar: druk op Volgende oefening.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1141"/>
        <source>any movement</source>
        <translation>willekeurige beweging</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1153"/>
        <source>Replay: {exercise}, {moment} ({date}), set {k} of {n}</source>
        <translation>Afspelen: {exercise}, {moment} ({date}), serie {k} van {n}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="814"/>
        <location filename="../main_window.py" line="821"/>
        <source>movement</source>
        <translation>beweging</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="886"/>
        <source>2. Do the exercise&apos;s movement slowly three times.</source>
        <translation>2. Doe de beweging van de oefening langzaam, drie keer.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="888"/>
        <source>2. Move the leg out to the side and back slowly three times.</source>
        <translation>2. Beweeg het been langzaam opzij en terug, drie keer.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="893"/>
        <source>1. Put the leg in the start posture and hold it still (2 s).</source>
        <translation>1. Breng het been in de starthouding en houd het stil (2 s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="884"/>
        <source>2. Rise onto the toes and lower slowly three times.</source>
        <translation>2. Ga langzaam op de tenen staan en weer terug, drie keer.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="52"/>
        <source>intake</source>
        <translation>intake</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="52"/>
        <source>week 6</source>
        <translation>week 6</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="53"/>
        <source>week 12</source>
        <translation>week 12</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="54"/>
        <source>discharge</source>
        <translation>eindmeting</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="55"/>
        <source>follow-up</source>
        <translation>nameting</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="84"/>
        <source>code, e.g. P0012</source>
        <translation>code, bv. P0012</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="892"/>
        <source>2. Bend and stretch the joint slowly three times.</source>
        <translation>2. Buig en strek het gewricht drie keer langzaam.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="898"/>
        <source>Quality {q:.0%}</source>
        <translation>Kwaliteit {q:.0%}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="911"/>
        <source>Quick check: hold the leg still in the start posture (2 s).</source>
        <translation>Snelle controle: houd het been stil in de startpositie (2 s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="916"/>
        <source>Last calibration fits: ready.</source>
        <translation>Vorige kalibratie past: klaar.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="934"/>
        <source>connecting</source>
        <translation>verbinden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="934"/>
        <source>connected</source>
        <translation>verbonden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="935"/>
        <source>reconnecting</source>
        <translation>opnieuw verbinden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="938"/>
        <source>closed</source>
        <translation>gesloten</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="957"/>
        <source>{n} impossible readings left out: check the sensor</source>
        <translation>{n} onmogelijke metingen weggelaten: controleer de sensor</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="963"/>
        <source>{n} samples</source>
        <translation>{n} metingen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="976"/>
        <source>Open a patient and connect the sensors first.</source>
        <translation>Open eerst een patiënt en verbind de sensoren.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="982"/>
        <source>Not calibrated: repetitions are counted, angles are shown as uncalibrated.</source>
        <translation>Niet gekalibreerd: herhalingen worden geteld, hoeken zijn ongekalibreerd.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1007"/>
        <location filename="../main_window.py" line="1013"/>
        <source>Angle: {what}.</source>
        <translation>Hoek: {what}.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1008"/>
        <source>Only one sensor on this leg: {what}.</source>
        <translation>Maar een sensor op dit been: {what}.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1188"/>
        <source>Save report</source>
        <translation>Rapport opslaan</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1199"/>
        <source>Report saved: {p}</source>
        <translation>Rapport opgeslagen: {p}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1201"/>
        <source>The report could not be saved: {e}</source>
        <translation>Het rapport kon niet worden opgeslagen: {e}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1235"/>
        <source>Replay finished: 1 repetition</source>
        <translation>Afspelen klaar: 1 herhaling</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1236"/>
        <source>Replay finished: {n} repetitions</source>
        <translation>Afspelen klaar: {n} herhalingen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1275"/>
        <source>still</source>
        <translation>stil</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1277"/>
        <source>moving</source>
        <translation>beweegt</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1279"/>
        <source>Recording {s:.0f} s</source>
        <translation>Opname {s:.0f} s</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1281"/>
        <source>movement so far: {r:.0f}° (aim for 150° or more)</source>
        <translation>beweging tot nu: {r:.0f}° (streef naar 150° of meer)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1304"/>
        <source>Test complete: the result is saved with this measurement moment.</source>
        <translation>Test klaar: het resultaat is bij dit meetmoment opgeslagen.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1319"/>
        <source>A sensor seems to have moved on its strap. After this set: tighten it, then use the quick check (Use last calibration) or calibrate again.</source>
        <translation>Een sensor lijkt in zijn band verschoven. Na deze serie: zet hem vast en doe dan de snelle controle (Vorige kalibratie gebruiken) of kalibreer opnieuw.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1325"/>
        <source>The thigh lifts or turns during the repetitions (the hip helps); the knee angle includes it. Support the thigh if only the knee should work.</source>
        <translation>Het bovenbeen komt omhoog of draait tijdens de herhalingen (de heup helpt mee); de kniehoek rekent dat mee. Ondersteun het bovenbeen als alleen de knie moet werken.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1328"/>
        <source>The thigh lifts or turns during the repetitions: the knee angle takes it to stay on the chair, so it reads larger. Support the thigh.</source>
        <translation>Het bovenbeen komt omhoog of draait tijdens de herhalingen: de kniehoek gaat ervan uit dat het op de stoel blijft en valt daardoor groter uit. Ondersteun het bovenbeen.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="1332"/>
        <source>The lower leg moves during the repetitions: the knee angle takes it to stay upright, so it is less exact.</source>
        <translation>Het onderbeen beweegt tijdens de herhalingen: de kniehoek gaat ervan uit dat het rechtop blijft en is daardoor minder nauwkeurig.</translation>
    </message>
</context>
<context>
    <name>ParticipantTile</name>
    <message>
        <location filename="../group_view.py" line="179"/>
        <source>sensor silent</source>
        <translation>sensor viel weg</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="180"/>
        <source>low battery</source>
        <translation>batterij bijna leeg</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="181"/>
        <source>short of range</source>
        <translation>bereik te klein</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="182"/>
        <source>too fast</source>
        <translation>te snel</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="183"/>
        <source>hip helping</source>
        <translation>heup helpt mee</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="184"/>
        <source>not calibrated</source>
        <translation>niet gekalibreerd</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="193"/>
        <source>set {x} of {y}</source>
        <translation>serie {x} van {y}</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="197"/>
        <source>calibrating {s} s: hold still, then 3 slow movements ({deg}° so far)</source>
        <translation>kalibreren {s} s: stilhouden, dan 3 langzame bewegingen ({deg}° tot nu)</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="200"/>
        <source>of {n} repetitions</source>
        <translation>van {n} herhalingen</translation>
    </message>
    <message>
        <location filename="../group_view.py" line="201"/>
        <source>repetitions</source>
        <translation>herhalingen</translation>
    </message>
</context>
<context>
    <name>PatientView</name>
    <message>
        <location filename="../patient_view.py" line="72"/>
        <source>knee</source>
        <translation>knie</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="72"/>
        <source>hip</source>
        <translation>heup</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="73"/>
        <source>knee and hip</source>
        <translation>knie en heup</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="76"/>
        <source>left</source>
        <translation>links</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="76"/>
        <source>right</source>
        <translation>rechts</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="77"/>
        <source>both</source>
        <translation>beide</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="83"/>
        <source>female</source>
        <translation>vrouw</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="83"/>
        <source>male</source>
        <translation>man</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="84"/>
        <source>other / not said</source>
        <translation>anders / niet gezegd</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="89"/>
        <source>notes (no names or other identifying data)</source>
        <translation>notities (geen namen of andere herleidbare gegevens)</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="90"/>
        <source>Save details</source>
        <translation>Gegevens opslaan</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="92"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="94"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="95"/>
        <source>Joint</source>
        <translation>Gewricht</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="96"/>
        <source>Side</source>
        <translation>Zijde</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="97"/>
        <source>Year of birth</source>
        <translation>Geboortejaar</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="98"/>
        <source>Sex</source>
        <translation>Geslacht</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="99"/>
        <source>Intake</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="100"/>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="108"/>
        <source>goal</source>
        <translation>doel</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="108"/>
        <source>status</source>
        <translation>stand</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="118"/>
        <source>goal in words, e.g. climb the stairs to the bedroom</source>
        <translation>doel in woorden, bv. de trap op naar de slaapkamer</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="247"/>
        <source>in words only</source>
        <translation>alleen in woorden</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="251"/>
        <source>pain during exercise (at most)</source>
        <translation>pijn tijdens het oefenen (hoogstens)</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="254"/>
        <source>ROM: {name}</source>
        <translation>ROM: {name}</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="126"/>
        <source>Add goal</source>
        <translation>Doel toevoegen</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="128"/>
        <source>Remove goal</source>
        <translation>Doel weghalen</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="130"/>
        <source>Goals</source>
        <translation>Doelen</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="143"/>
        <source>exercise</source>
        <translation>oefening</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="189"/>
        <source>sets x reps</source>
        <translation>series x herh.</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="190"/>
        <source>load</source>
        <translation>belasting</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="143"/>
        <source>since</source>
        <translation>sinds</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="143"/>
        <source>dose</source>
        <translation>dosering</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="155"/>
        <source>Add to programme</source>
        <translation>Aan programma toevoegen</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="157"/>
        <source>Remove</source>
        <translation>Weghalen</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="161"/>
        <source>Earlier in the visit</source>
        <translation>Eerder in de sessie</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="162"/>
        <source>Later in the visit</source>
        <translation>Later in de sessie</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="169"/>
        <source>8 kg, red band, bodyweight</source>
        <translation>8 kg, rode band, lichaamsgewicht</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="179"/>
        <source>Save dose</source>
        <translation>Dosering opslaan</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="191"/>
        <source>tempo up/hold/down/rest</source>
        <translation>tempo op/vast/neer/rust</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="192"/>
        <source>range</source>
        <translation>bereik</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="193"/>
        <source>rest between sets</source>
        <translation>rust tussen series</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="195"/>
        <source>Programme</source>
        <translation>Programma</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="211"/>
        <source>Advice after the last visit (you decide)</source>
        <translation>Advies na de vorige sessie (u beslist)</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="293"/>
        <source>Outside the pain-monitoring model:</source>
        <translation>Buiten het pijnmonitoringsmodel:</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="296"/>
        <source>Pain within the pain-monitoring model.</source>
        <translation>Pijn binnen het pijnmonitoringsmodel.</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="311"/>
        <source>Intake date: give it as YYYY-MM-DD.</source>
        <translation>Intakedatum: geef die als JJJJ-MM-DD.</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="320"/>
        <source>Details of {code} saved.</source>
        <translation>Gegevens van {code} opgeslagen.</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="337"/>
        <source>Type the goal first.</source>
        <translation>Typ eerst het doel.</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="372"/>
        <source>in words</source>
        <translation>in woorden</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="374"/>
        <source>not measured yet</source>
        <translation>nog niet gemeten</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="377"/>
        <source>training visit</source>
        <translation>training</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="379"/>
        <source>met ({value}, {moment})</source>
        <translation>gehaald ({value}, {moment})</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="380"/>
        <source>not met ({value}, {moment})</source>
        <translation>niet gehaald ({value}, {moment})</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="430"/>
        <source>Already in the programme.</source>
        <translation>Staat al in het programma.</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="479"/>
        <source>Programme saved.</source>
        <translation>Programma opgeslagen.</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="493"/>
        <source>No programme yet: add exercises above.</source>
        <translation>Nog geen programma: voeg hierboven oefeningen toe.</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="496"/>
        <source>increase</source>
        <translation>verhogen</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="496"/>
        <source>hold</source>
        <translation>gelijk houden</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="497"/>
        <source>decrease</source>
        <translation>verlagen</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="513"/>
        <source>Accept</source>
        <translation>Overnemen</translation>
    </message>
    <message>
        <location filename="../patient_view.py" line="525"/>
        <source>{exercise}: {dose} from now on.</source>
        <translation>{exercise}: vanaf nu {dose}.</translation>
    </message>
</context>
<context>
    <name>RatingBar</name>
    <message>
        <location filename="../live_view.py" line="121"/>
        <source>Skip</source>
        <translation>Overslaan</translation>
    </message>
</context>
<context>
    <name>TempoBars</name>
    <message>
        <location filename="../widgets.py" line="115"/>
        <source>target</source>
        <translation>doel</translation>
    </message>
    <message>
        <location filename="../widgets.py" line="98"/>
        <source>Tempo per repetition: up (blue), hold (yellow), down (orange); dashed line: prescribed</source>
        <translation>Tempo per herhaling: op (blauw), vasthouden (geel), neer (oranje); stippellijn: voorgeschreven</translation>
    </message>
</context>
<context>
    <name>TestsView</name>
    <message>
        <location filename="../tests_view.py" line="40"/>
        <source>meaningful improvement</source>
        <translation>betekenisvolle verbetering</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="41"/>
        <source>meaningful decline</source>
        <translation>betekenisvolle achteruitgang</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="42"/>
        <source>no meaningful change</source>
        <translation>geen betekenisvolle verandering</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="44"/>
        <source>below the normal range</source>
        <translation>onder het normale bereik</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="45"/>
        <source>within the normal range</source>
        <translation>binnen het normale bereik</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="46"/>
        <source>above the normal range</source>
        <translation>boven het normale bereik</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="47"/>
        <source>worse than average</source>
        <translation>slechter dan gemiddeld</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="48"/>
        <source>average or better</source>
        <translation>gemiddeld of beter</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="49"/>
        <source>slower than the mean</source>
        <translation>langzamer dan gemiddeld</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="50"/>
        <source>at or faster than the mean</source>
        <translation>gemiddeld of sneller</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="51"/>
        <source>enough</source>
        <translation>voldoende</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="52"/>
        <source>not enough</source>
        <translation>onvoldoende</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="65"/>
        <source>no threshold known</source>
        <translation>geen drempel bekend</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="96"/>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="96"/>
        <source>result</source>
        <translation>resultaat</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="97"/>
        <source>norm</source>
        <translation>norm</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="97"/>
        <source>since intake</source>
        <translation>sinds intake</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="115"/>
        <source>Do it with the sensors</source>
        <translation>Met de sensoren afnemen</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="121"/>
        <source>left leg</source>
        <translation>linkerbeen</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="122"/>
        <source>right leg</source>
        <translation>rechterbeen</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="123"/>
        <source>Save the result entered</source>
        <translation>Ingevoerd resultaat opslaan</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="125"/>
        <source>Protocol</source>
        <translation>Protocol</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="130"/>
        <source>by hand:</source>
        <translation>met de hand:</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="144"/>
        <source>Pain now (0-10)</source>
        <translation>Pijn nu (0-10)</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="145"/>
        <source>Worst pain last week (0-10)</source>
        <translation>Ergste pijn afgelopen week (0-10)</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="148"/>
        <source>an activity the patient finds hard, e.g. cycling</source>
        <translation>een activiteit die de patiënt moeilijk vindt, bv. fietsen</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="150"/>
        <source>Add activity</source>
        <translation>Activiteit toevoegen</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="152"/>
        <source>Save the scores</source>
        <translation>Scores opslaan</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="154"/>
        <source>Questionnaires</source>
        <translation>Vragenlijsten</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="157"/>
        <source>Patient-Specific Functional Scale (0 = unable, 10 = as before)</source>
        <translation>Patiënt Specifieke Klachten (0 = kan het niet, 10 = zoals vroeger)</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="221"/>
        <source>training visit</source>
        <translation>training</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="224"/>
        <source>born {y}</source>
        <translation>geboren {y}</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="226"/>
        <source>female</source>
        <translation>vrouw</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="226"/>
        <source>male</source>
        <translation>man</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="227"/>
        <source>other</source>
        <translation>anders</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="228"/>
        <source>Measurement moment: {m}</source>
        <translation>Meetmoment: {m}</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="230"/>
        <source>year of birth and sex not recorded: no norms</source>
        <translation>geboortejaar en geslacht niet vastgelegd: geen normen</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="245"/>
        <source>(entered)</source>
        <translation>(ingevoerd)</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="253"/>
        <source>symmetry {p}</source>
        <translation>symmetrie {p}</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="261"/>
        <source>left</source>
        <translation>links</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="261"/>
        <source>right</source>
        <translation>rechts</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="287"/>
        <source>Sensors: {what}.</source>
        <translation>Sensoren: {what}.</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="290"/>
        <source>stands</source>
        <translation>keer</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="323"/>
        <source>Result saved with this measurement moment.</source>
        <translation>Resultaat bij dit meetmoment opgeslagen.</translation>
    </message>
    <message>
        <location filename="../tests_view.py" line="388"/>
        <source>Scores saved with this measurement moment.</source>
        <translation>Scores bij dit meetmoment opgeslagen.</translation>
    </message>
</context>
<context>
    <name>VisitBar</name>
    <message>
        <location filename="../live_view.py" line="56"/>
        <source>Next exercise</source>
        <translation>Volgende oefening</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="59"/>
        <source>End rest</source>
        <translation>Rust beëindigen</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="92"/>
        <source>Rest {m}:{s:02d}</source>
        <translation>Rust {m}:{s:02d}</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="93"/>
        <source>Rest over: next set</source>
        <translation>Rust voorbij: volgende serie</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <location filename="../../cli.py" line="128"/>
        <source>any movement</source>
        <translation>willekeurige beweging</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="131"/>
        <source>{file}: {exercise}, a recording of {seconds} s</source>
        <translation>{file}: {exercise}, een opname van {seconds} s</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="134"/>
        <source>{angle}, uncalibrated</source>
        <translation>{angle}, niet gekalibreerd</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="136"/>
        <source>{file}: {count} of {exercise} in {seconds} s ({angle})</source>
        <translation>{file}: {count} van {exercise} in {seconds} s ({angle})</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="140"/>
        <source>  angle: {what}</source>
        <translation>  hoek: {what}</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="143"/>
        <source>  note: {what}</source>
        <translation>  let op: {what}</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="147"/>
        <source>  rise {cm} cm</source>
        <translation>  omhoog {cm} cm</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="149"/>
        <source>  #{i} {start}-{end} s  ROM {rom} deg ({lo}..{hi})  tempo {up}-{hold}-{down} s  rest {rest} s</source>
        <translation>  #{i} {start}-{end} s  ROM {rom}° ({lo}..{hi})  tempo {up}-{hold}-{down} s  rust {rest} s</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="156"/>
        <location filename="../../cli.py" line="341"/>
        <source>  test result: {result}</source>
        <translation>  testresultaat: {result}</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="163"/>
        <source>below_target_range</source>
        <translation>doel niet gehaald</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="164"/>
        <source>faster_than_prescribed</source>
        <translation>te snel</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="165"/>
        <source>sensor_moved</source>
        <translation>sensor verschoven</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="165"/>
        <source>thigh_missing</source>
        <translation>bovenbeen ontbreekt</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="166"/>
        <source>shank_missing</source>
        <translation>onderbeen ontbreekt</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="166"/>
        <source>pelvis_missing</source>
        <translation>bekken ontbreekt</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="167"/>
        <source>sensor_missing</source>
        <translation>sensor ontbreekt</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="167"/>
        <source>thigh_moved</source>
        <translation>bovenbeen verschoven</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="168"/>
        <source>shank_moved</source>
        <translation>onderbeen verschoven</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="168"/>
        <source>pelvis_moved</source>
        <translation>bekken verschoven</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="169"/>
        <source>rise</source>
        <translation>opstaan</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="169"/>
        <source>walk out</source>
        <translation>heen lopen</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="170"/>
        <source>turn</source>
        <translation>draaien</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="170"/>
        <source>walk back</source>
        <translation>terug lopen</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="171"/>
        <source>turn sit</source>
        <translation>draaien en zitten</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="246"/>
        <source>{text} is not a session id: give the number &apos;monitor sessions&apos; lists</source>
        <translation>{text} is geen sessienummer: geef het nummer dat 'monitor sessions' toont</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="300"/>
        <source>{path} is a session database: give --session ID (see &apos;monitor sessions&apos;)</source>
        <translation>{path} is een sessiedatabase: geef --session ID (zie 'monitor sessions')</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="307"/>
        <source>session {session} has no recorded sets in {path}</source>
        <translation>sessie {session} heeft geen opgenomen series in {path}</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="323"/>
        <source>set {set}: {exercise}, a recording of {seconds} s</source>
        <translation>serie {set}: {exercise}, een opname van {seconds} s</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="326"/>
        <source>set {set}: {count} of {exercise} in {seconds} s</source>
        <translation>serie {set}: {count} van {exercise} in {seconds} s</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="320"/>
        <source>movement</source>
        <translation>beweging</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="335"/>
        <source>; the moment&apos;s result is {value}, entered by hand in its place, which every view shows</source>
        <translation>; het resultaat van het meetmoment is {value}, in plaats daarvan met de hand ingevoerd; dat tonen alle weergaven</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="338"/>
        <source>; the moment&apos;s result is {value}, from set {set}, which every view shows</source>
        <translation>; het resultaat van het meetmoment is {value}, uit serie {set}; dat tonen alle weergaven</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="351"/>
        <location filename="../../treatment_commands.py" line="162"/>
        <source>not measured</source>
        <translation>niet gemeten</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="360"/>
        <source> ({n} per minute)</source>
        <translation> ({n} per minuut)</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="362"/>
        <source>; phases </source>
        <translation>; fasen </translation>
    </message>
    <message>
        <location filename="../../cli.py" line="366"/>
        <source>not completed ({count})</source>
        <translation>niet afgemaakt ({count})</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="370"/>
        <source>timed from go</source>
        <translation>tijd vanaf het startsein</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="371"/>
        <source>timed from first movement</source>
        <translation>tijd vanaf de eerste beweging</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="373"/>
        <source>the last stand counted halfway up</source>
        <translation>de laatste keer opstaan halverwege meegeteld</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="375"/>
        <source>extension {deg}°</source>
        <translation>extensie {deg}°</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="398"/>
        <source>no sessions recorded yet</source>
        <translation>nog geen sessies opgenomen</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="486"/>
        <source>the demo speed is a number above 0, not {text}</source>
        <translation>de demosnelheid is een getal boven 0, niet {text}</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="502"/>
        <source>{test}: not measured (the sensors did not see the test completed)</source>
        <translation>{test}: niet gemeten (de sensoren zagen de test niet voltooid)</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="510"/>
        <source>rep {n}: ROM {rom} deg</source>
        <translation>herhaling {n}: ROM {rom}°</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="531"/>
        <source>the database server {path} cannot be reached: the recording goes on into this computer&apos;s spool ({spool})</source>
        <translation>de databaseserver {path} is niet bereikbaar: de opname gaat door in de wachtrij van deze computer ({spool})</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="535"/>
        <source>monitor: the database server {path} is back: everything recorded meanwhile is uploaded</source>
        <translation>monitor: de databaseserver {path} is terug: alles wat intussen is opgenomen is geüpload</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="540"/>
        <source>{path} is in use by another program: the recording goes on and its samples wait in memory until they can be saved</source>
        <translation>{path} is in gebruik door een ander programma: de opname gaat door en de metingen wachten in het geheugen tot ze kunnen worden opgeslagen</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="545"/>
        <source>monitor: {path} is free again: every sample recorded so far is saved</source>
        <translation>monitor: {path} is weer vrij: alle metingen tot nu toe zijn opgeslagen</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="567"/>
        <source>the database server {path} could not be reached: the set is kept on this computer ({n} commits waiting in {spool}) and uploaded the next time monitor reaches the server</source>
        <translation>de databaseserver {path} was niet bereikbaar: de serie wordt op deze computer bewaard ({n} vastleggingen wachten in {spool}) en geüpload zodra monitor de server weer bereikt</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="589"/>
        <location filename="../../treatment_commands.py" line="80"/>
        <source>no patient {code} in {path}; add it with &apos;monitor patient add {name}&apos;</source>
        <translation>geen patiënt {code} in {path}; voeg deze toe met 'monitor patient add {name}'</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="638"/>
        <source>give the sensors with --sensor ADDRESS=PLACEMENT (see &apos;monitor scan&apos;), or use --demo</source>
        <translation>geef de sensoren op met --sensor ADDRESS=PLACEMENT (zie 'monitor scan'), of gebruik --demo</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="642"/>
        <location filename="../../group_commands.py" line="194"/>
        <source>give the recording length with --seconds S</source>
        <translation>geef de duur van de opname op met --seconds S</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="710"/>
        <source>monitor: stopped after {seconds} s: the set is saved</source>
        <translation>monitor: gestopt na {seconds} s: de serie is opgeslagen</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="726"/>
        <source>the Bluetooth adapter was removed</source>
        <translation>de Bluetooth-adapter is verwijderd</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="728"/>
        <source>Bluetooth was switched off</source>
        <translation>Bluetooth is uitgeschakeld</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="729"/>
        <source>monitor: error: {what} and did not come back before the set ended: the set is saved with the {held} s recorded (of {total} s)</source>
        <translation>monitor: fout: {what} en kwam niet terug voor het einde van de serie: de serie is opgeslagen met de {held} s die zijn opgenomen (van {total} s)</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="777"/>
        <source>no session database at {path}: check the path</source>
        <translation>geen sessiedatabase op {path}: controleer het pad</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="782"/>
        <source>copied {src} into {dst}:</source>
        <translation>{src} gekopieerd naar {dst}:</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="785"/>
        <source> ({n} matched to rows already there)</source>
        <translation> ({n} gekoppeld aan rijen die er al waren)</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="788"/>
        <source>  raw samples: {n}, SHA-256 {digest} in both (verified)</source>
        <translation>  ruwe metingen: {n}, SHA-256 {digest} in beide (gecontroleerd)</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="805"/>
        <source>recovered into {out}: {what} ({damaged} unchanged)</source>
        <translation>hersteld in {out}: {what} ({damaged} ongewijzigd)</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="812"/>
        <source>patient</source>
        <translation>patiënt</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="812"/>
        <source>patients</source>
        <translation>patiënten</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="813"/>
        <location filename="../../group_commands.py" line="31"/>
        <source>set</source>
        <translation>serie</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="813"/>
        <location filename="../../group_commands.py" line="31"/>
        <source>sets</source>
        <translation>series</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="814"/>
        <source>calibration</source>
        <translation>kalibratie</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="814"/>
        <source>calibrations</source>
        <translation>kalibraties</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="815"/>
        <source>goal</source>
        <translation>doel</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="815"/>
        <source>goals</source>
        <translation>doelen</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="816"/>
        <source>programme version</source>
        <translation>programmaversie</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="817"/>
        <source>programme versions</source>
        <translation>programmaversies</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="818"/>
        <source>pain entry</source>
        <translation>pijnscore</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="818"/>
        <source>pain entries</source>
        <translation>pijnscores</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="819"/>
        <source>test result</source>
        <translation>testresultaat</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="819"/>
        <source>test results</source>
        <translation>testresultaten</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="820"/>
        <source>questionnaire score</source>
        <translation>vragenlijstscore</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="821"/>
        <source>questionnaire scores</source>
        <translation>vragenlijstscores</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="822"/>
        <source>PSFS activity</source>
        <translation>PSK-activiteit</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="822"/>
        <source>PSFS activities</source>
        <translation>PSK-activiteiten</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="823"/>
        <source>chunk of raw samples</source>
        <translation>blok ruwe metingen</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="824"/>
        <source>chunks of raw samples</source>
        <translation>blokken ruwe metingen</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="850"/>
        <source>no sensors found: switch them on and bring them closer</source>
        <translation>geen sensoren gevonden: zet ze aan en breng ze dichterbij</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="852"/>
        <source>  battery {pct}%</source>
        <translation>  batterij {pct}%</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="905"/>
        <source>wrote {path} ({count}, {seconds} s, {rate} Hz) with sidecar and ground truth</source>
        <translation>{path} geschreven ({count}, {seconds} s, {rate} Hz) met sidecar en de werkelijke waarden</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="935"/>
        <source>wrote {path} ({test} s test, {steps}, {seconds} s, {rate} Hz) with sidecar and ground truth</source>
        <translation>{path} geschreven (test van {test} s, {steps}, {seconds} s, {rate} Hz) met sidecar en de werkelijke waarden</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="970"/>
        <source>no sessions of patient {code} in {path}</source>
        <translation>geen sessies van patiënt {code} in {path}</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="1016"/>
        <source>unrecognized arguments: </source>
        <translation>onbekende argumenten: </translation>
    </message>
    <message>
        <location filename="../../cli.py" line="1017"/>
        <source>the following arguments are required: </source>
        <translation>deze argumenten ontbreken: </translation>
    </message>
    <message>
        <location filename="../../cli.py" line="1019"/>
        <source>invalid choice: </source>
        <translation>ongeldige keuze: </translation>
    </message>
    <message>
        <location filename="../../cli.py" line="1020"/>
        <source>(choose from </source>
        <translation>(kies uit </translation>
    </message>
    <message>
        <location filename="../../cli.py" line="1021"/>
        <source>expected one argument</source>
        <translation>verwacht één argument</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="1022"/>
        <source>invalid int value: </source>
        <translation>geen geheel getal: </translation>
    </message>
    <message>
        <location filename="../../cli.py" line="1023"/>
        <source>invalid float value: </source>
        <translation>geen getal: </translation>
    </message>
    <message>
        <location filename="../../cli.py" line="1033"/>
        <source>{prog}: error: {message} (see &apos;{prog} --help&apos;)</source>
        <translation>{prog}: fout: {message} (zie '{prog} --help')</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="1060"/>
        <source>the package {name} is also installed by {others}, which can replace the monitor&apos;s files: install the monitor in a virtual environment of its own</source>
        <translation>het pakket {name} wordt ook geïnstalleerd door {others}, dat de bestanden van de monitor kan vervangen: installeer de monitor in een eigen virtuele omgeving</translation>
    </message>
    <message>
        <location filename="../../cli.py" line="1306"/>
        <source>monitor: note: {what}</source>
        <translation>monitor: let op: {what}</translation>
    </message>
    <message>
        <location filename="../app.py" line="144"/>
        <location filename="../../cli.py" line="1312"/>
        <source>monitor: error: {what}</source>
        <translation>monitor: fout: {what}</translation>
    </message>
    <message>
        <location filename="../app.py" line="144"/>
        <source>no display to open the window on (DISPLAY is not set: over ssh or in a console). Start it from the desktop, or try it without a screen: QT_QPA_PLATFORM=offscreen monitor --demo --quit-after 20 --screenshot demo.png; the command line works anywhere (monitor --help).</source>
        <translation>geen beeldscherm om het venster op te openen (DISPLAY is niet gezet: via ssh of in een console). Start het vanaf het bureaublad, of probeer het zonder scherm: QT_QPA_PLATFORM=offscreen monitor --demo --quit-after 20 --screenshot demo.png; de opdrachtregel werkt overal (monitor --help).</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="41"/>
        <source>knee</source>
        <translation>knie</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="41"/>
        <source>hip</source>
        <translation>heup</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="42"/>
        <source>left</source>
        <translation>links</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="42"/>
        <source>right</source>
        <translation>rechts</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="43"/>
        <source>both</source>
        <translation>beide</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="44"/>
        <source>increase</source>
        <translation>verhogen</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="44"/>
        <source>hold</source>
        <translation>gelijk houden</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="45"/>
        <source>decrease</source>
        <translation>verlagen</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="46"/>
        <source>pain</source>
        <translation>pijn</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="46"/>
        <source>effort</source>
        <translation>inspanning</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="47"/>
        <source>session</source>
        <translation>sessie</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="47"/>
        <source>sessions</source>
        <translation>sessies</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="48"/>
        <source>repetition</source>
        <translation>herhaling</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="48"/>
        <source>repetitions</source>
        <translation>herhalingen</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="49"/>
        <source>rep</source>
        <translation>herh.</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="49"/>
        <source>reps</source>
        <translation>herh.</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="50"/>
        <source>step</source>
        <translation>stap</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="50"/>
        <source>steps</source>
        <translation>stappen</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="51"/>
        <source>stand</source>
        <translation>keer</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="51"/>
        <location filename="../../treatment_commands.py" line="565"/>
        <source>stands</source>
        <translation>keer</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="52"/>
        <source>f</source>
        <translation>v</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="52"/>
        <source>m</source>
        <translation>m</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="52"/>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="73"/>
        <source>monitor: warning: {what}</source>
        <translation>monitor: waarschuwing: {what}</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="102"/>
        <source>a patient code is 1-64 characters on one line, e.g. P0012</source>
        <translation>een patiëntcode is 1-64 tekens op één regel, bv. P0012</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="106"/>
        <source>--birth-year {year}: give a year from 1900 to {now}</source>
        <translation>--birth-year {year}: geef een jaar van 1900 tot en met {now}</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="113"/>
        <source>--intake-date {date}: give YYYY-MM-DD</source>
        <translation>--intake-date {date}: geef JJJJ-MM-DD</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="131"/>
        <source>patient {code} saved</source>
        <translation>patiënt {code} opgeslagen</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="152"/>
        <source>{code}: {joint}, {side}, born {born}, sex {sex}, intake {intake}</source>
        <translation>{code}: {joint}, {side}, geboren {born}, geslacht {sex}, intake {intake}</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="154"/>
        <source>joint not given</source>
        <translation>gewricht niet opgegeven</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="155"/>
        <source>side not given</source>
        <translation>zijde niet opgegeven</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="159"/>
        <source>  notes: {notes}</source>
        <translation>  notities: {notes}</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="161"/>
        <source>met</source>
        <translation>gehaald</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="161"/>
        <source>not met</source>
        <translation>niet gehaald</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="163"/>
        <source>  goal: {goal} ({status})</source>
        <translation>  doel: {goal} ({status})</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="166"/>
        <source>  outside the pain-monitoring model: {why}</source>
        <translation>  buiten het pijnmonitoringsmodel: {why}</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="181"/>
        <source>no patients yet</source>
        <translation>nog geen patiënten</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="187"/>
        <source>last {date}</source>
        <translation>laatst {date}</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="202"/>
        <source>say which exercise to change with --exercise ID</source>
        <translation>zeg met --exercise ID welke oefening verandert</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="207"/>
        <source>{exercise} is a measurement test, not a training exercise: it is not part of a programme</source>
        <translation>{exercise} is een meettest, geen trainingsoefening: die hoort niet in een programma</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="217"/>
        <source>--range {range}: give LO,HI in degrees</source>
        <translation>--range {range}: geef LO,HI in graden</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="227"/>
        <source>{exercise} is not in the programme of {code}</source>
        <translation>{exercise} staat niet in het programma van {code}</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="243"/>
        <source>{code} has no programme yet; add exercises with --exercise ID --sets N --reps N</source>
        <translation>{code} heeft nog geen programma; voeg oefeningen toe met --exercise ID --sets N --reps N</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="247"/>
        <source>{n}. {exercise}: {sets} x {reps}, {load}, tempo {tempo} s, range {lo}-{hi} deg, rest {rest} s (since {date})</source>
        <translation>{n}. {exercise}: {sets} x {reps}, {load}, tempo {tempo} s, bereik {lo}-{hi}°, rust {rest} s (sinds {date})</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="255"/>
        <source>  {start} - {end}: {exercise} {sets} x {reps} {load}  {reason}</source>
        <translation>  {start} - {end}: {exercise} {sets} x {reps} {load}  {reason}</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="258"/>
        <source>now</source>
        <translation>nu</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="295"/>
        <source>{code} has no programme yet: nothing to advise</source>
        <translation>{code} heeft nog geen programma: geen advies</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="298"/>
        <source>outside the pain-monitoring model: {why}</source>
        <translation>buiten het pijnmonitoringsmodel: {why}</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="308"/>
        <source>accepted into the programme</source>
        <translation>in het programma overgenomen</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="309"/>
        <source>nothing to accept: every suggestion is to hold the dose</source>
        <translation>niets over te nemen: elk advies is de dosering gelijk te houden</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="319"/>
        <source>{what} must be a whole number</source>
        <translation>{what} moet een geheel getal zijn</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="323"/>
        <source>{what} must be {lo}-{hi}, not {v}</source>
        <translation>{what} moet {lo}-{hi} zijn, niet {v}</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="334"/>
        <source>give seconds as a number</source>
        <translation>geef de seconden als getal</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="337"/>
        <source>rest between sets must be 0-900 s</source>
        <translation>de rust tussen series moet 0-900 s zijn</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="430"/>
        <source>--pain-next-morning left out: this is the patient&apos;s first visit (the set and its other ratings are saved)</source>
        <translation>--pain-next-morning weggelaten: dit is het eerste bezoek van de patiënt (de serie en de andere scores zijn opgeslagen)</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="452"/>
        <source>{option} {text}: expected NAME=NUMBER</source>
        <translation>{option} {text}: verwacht NAAM=GETAL</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="473"/>
        <source>--add {name}: the side is left or right</source>
        <translation>--add {name}: de zijde is left of right</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="479"/>
        <source>--activity: name the activity, e.g. &apos;climb stairs&apos;</source>
        <translation>--activity: noem de activiteit, bv. 'traplopen'</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="484"/>
        <source>say which measurement moment with --label, e.g. --label intake</source>
        <translation>zeg met --label welk meetmoment, bv. --label intake</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="502"/>
        <source>--psfs {name}: give the activity&apos;s number, 1-{n} (add activities with --activity TEXT)</source>
        <translation>--psfs {name}: geef het nummer van de activiteit, 1-{n} (voeg activiteiten toe met --activity TEKST)</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="517"/>
        <source>{code}: no test results or questionnaire scores yet</source>
        <translation>{code}: nog geen testresultaten of scores van vragenlijsten</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="520"/>
        <source>training</source>
        <translation>training</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="522"/>
        <source>{moment} ({date})</source>
        <translation>{moment} ({date})</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="524"/>
        <source>{moment} ({date}, age {age})</source>
        <translation>{moment} ({date}, leeftijd {age})</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="529"/>
        <source>  knee flexion symmetry: {value} ({basis})</source>
        <translation>  symmetrie kniebuiging: {value} ({basis})</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="537"/>
        <source>entered</source>
        <translation>ingevoerd</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="541"/>
        <source>norm {band} for {group} ({source}): {verdict}</source>
        <translation>norm {band} voor {group} ({source}): {verdict}</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="564"/>
        <source>at most</source>
        <translation>hoogstens</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="564"/>
        <source>at least</source>
        <translation>minstens</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="565"/>
        <source>mean</source>
        <translation>gemiddeld</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="566"/>
        <source>women</source>
        <translation>vrouwen</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="566"/>
        <source>men</source>
        <translation>mannen</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="567"/>
        <source>age</source>
        <translation>leeftijd</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="567"/>
        <source>everyone</source>
        <translation>iedereen</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="571"/>
        <source>below the normal range</source>
        <translation>onder het normale bereik</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="572"/>
        <source>within the normal range</source>
        <translation>binnen het normale bereik</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="573"/>
        <source>above the normal range</source>
        <translation>boven het normale bereik</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="574"/>
        <source>worse than average</source>
        <translation>slechter dan gemiddeld</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="575"/>
        <source>average or better</source>
        <translation>gemiddeld of beter</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="576"/>
        <source>slower than the mean</source>
        <translation>langzamer dan gemiddeld</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="577"/>
        <source>at or faster than the mean</source>
        <translation>gemiddeld of sneller</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="578"/>
        <source>enough</source>
        <translation>voldoende</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="578"/>
        <source>not enough</source>
        <translation>onvoldoende</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="579"/>
        <source>left against the other leg</source>
        <translation>links tegenover het andere been</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="580"/>
        <source>right against the other leg</source>
        <translation>rechts tegenover het andere been</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="581"/>
        <source>the smaller against the larger flexion</source>
        <translation>de kleinste tegenover de grootste buiging</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="582"/>
        <source>meaningful improvement</source>
        <translation>betekenisvolle verbetering</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="583"/>
        <source>meaningful decline</source>
        <translation>betekenisvolle achteruitgang</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="584"/>
        <source>no meaningful change</source>
        <translation>geen betekenisvolle verandering</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="585"/>
        <source>no threshold known</source>
        <translation>geen drempel bekend</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="611"/>
        <source>new measurement moment {moment} for {code} (its moments: {known})</source>
        <translation>nieuw meetmoment {moment} voor {code} (de meetmomenten: {known})</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="615"/>
        <source>new measurement moment {moment} for {code}</source>
        <translation>nieuw meetmoment {moment} voor {code}</translation>
    </message>
    <message>
        <location filename="../../treatment_commands.py" line="628"/>
        <source>change {delta}: {words}</source>
        <translation>verschil {delta}: {words}</translation>
    </message>
    <message>
        <location filename="../../group_commands.py" line="99"/>
        <source>give the number of participants with --participants N (2-8)</source>
        <translation>geef het aantal deelnemers op met --participants N (2-8)</translation>
    </message>
    <message>
        <location filename="../../group_commands.py" line="84"/>
        <source>--seconds must be more than 0</source>
        <translation>--seconds moet meer dan 0 zijn</translation>
    </message>
    <message>
        <location filename="../../group_commands.py" line="86"/>
        <source>--reps must be 1-1000</source>
        <translation>--reps moet 1-1000 zijn</translation>
    </message>
    <message>
        <location filename="../../group_commands.py" line="88"/>
        <source>--rate must be 20-400 Hz</source>
        <translation>--rate moet 20-400 Hz zijn</translation>
    </message>
    <message>
        <location filename="../../group_commands.py" line="141"/>
        <source>stored in the demo database: monitor --db {path} sessions</source>
        <translation>opgeslagen in de demodatabase: monitor --db {path} sessions</translation>
    </message>
    <message>
        <location filename="../../group_commands.py" line="169"/>
        <source>Group session {id}</source>
        <translation>Groepssessie {id}</translation>
    </message>
    <message>
        <location filename="../../group_commands.py" line="172"/>
        <source>{name} ({code}): {exercise}, {reps} in {sets}, session {session}</source>
        <translation>{name} ({code}): {exercise}, {reps} in {sets}, sessie {session}</translation>
    </message>
    <message>
        <location filename="../../group_commands.py" line="190"/>
        <source>give the sensors with --sensor ADDRESS=CODE:PLACEMENT (see &apos;monitor scan&apos;), or use --demo --participants N</source>
        <translation>geef de sensoren op met --sensor ADRES=CODE:PLAATS (zie 'monitor scan'), of gebruik --demo --participants N</translation>
    </message>
    <message>
        <location filename="../../group_commands.py" line="221"/>
        <source>{n} sensors on {a} Bluetooth adapter(s): each streams at {hz} Hz, which Bluetooth carries without losing samples</source>
        <translation>{n} sensoren op {a} Bluetooth-adapter(s): elk meet met {hz} Hz, wat Bluetooth zonder verlies van metingen doorgeeft</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../messages.py" line="18"/>
        <source>Hold the leg still in the start posture for 2 seconds.</source>
        <translation>Houd het been 2 seconden stil in de startpositie.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="20"/>
        <source>The session data stays in {old}, where an earlier version kept it: it could not be moved to {new} ({detail}). Close every program that uses it and start the monitor again, or move the folder there by hand.</source>
        <translation>De sessiegegevens blijven in {old}, waar een eerdere versie ze bewaarde: ze konden niet naar {new} worden verplaatst ({detail}). Sluit elk programma dat ze gebruikt en start de monitor opnieuw, of verplaats de map met de hand.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="24"/>
        <source>The session data was moved from {old}, where an earlier version kept it, to {new}, this computer&apos;s place for it.</source>
        <translation>De sessiegegevens zijn verplaatst van {old}, waar een eerdere versie ze bewaarde, naar {new}, de plaats ervoor op deze computer.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="26"/>
        <source>Bend and stretch the joint slowly three times.</source>
        <translation>Buig en strek het gewricht langzaam, drie keer.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="27"/>
        <source>Rise onto the toes and lower slowly three times.</source>
        <translation>Ga langzaam op de tenen staan en weer terug, drie keer.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="28"/>
        <source>Lift and lower the leg slowly three times.</source>
        <translation>Til het been langzaam op en laat het zakken, drie keer.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="29"/>
        <source>Bend and stretch slowly in one plane, without twisting the leg; check that the strap is tight.</source>
        <translation>Buig en strek langzaam in een vlak, zonder het been te draaien; controleer of de band strak zit.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="31"/>
        <source>The thigh and shank sensors seem swapped: the one on the {segment} moves most; check the placements.</source>
        <translation>De sensoren van bovenbeen en onderbeen lijken verwisseld: die op het {segment} beweegt het meest; controleer de plaatsing.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="33"/>
        <source>The thigh and shank sensors do not turn like the two sides of one knee; check that both are on the same leg.</source>
        <translation>De sensoren van bovenbeen en onderbeen draaien niet als de twee kanten van een knie; controleer of ze op hetzelfde been zitten.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="35"/>
        <source>The {segment} sensor&apos;s readings are implausible ({detail}): check the sensor.</source>
        <translation>De metingen van de sensor op het {segment} kloppen niet ({detail}): controleer de sensor.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="37"/>
        <source>Knee axis found from the thigh and shank sensors together (fit {fit}).</source>
        <translation>Knieas gevonden uit de sensoren van bovenbeen en onderbeen samen (passing {fit}).</translation>
    </message>
    <message>
        <location filename="../messages.py" line="39"/>
        <source>Do the exercise&apos;s movement slowly three times.</source>
        <translation>Doe de beweging van de oefening langzaam, drie keer.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="40"/>
        <source>Move slowly in one plane, without twisting the leg; check that the strap is tight.</source>
        <translation>Beweeg langzaam in één vlak, zonder het been te draaien; controleer of de band strak zit.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="42"/>
        <source>Measured with the {segment} sensor, which moved most.</source>
        <translation>Gemeten met de sensor op het {segment}, die het meest bewoog.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="43"/>
        <source>Calibration is good.</source>
        <translation>Kalibratie is goed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="44"/>
        <source>Calibration is usable; a slower, larger movement would make it better.</source>
        <translation>Kalibratie is bruikbaar; een langzamere, grotere beweging maakt haar beter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="46"/>
        <source>no data from the {placement} sensor</source>
        <translation>geen gegevens van de sensor op het {placement}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="47"/>
        <source>the {placement} sensor sits differently than last time ({deg}°): calibrate again</source>
        <translation>de sensor op het {placement} zit anders dan de vorige keer ({deg}°): kalibreer opnieuw</translation>
    </message>
    <message>
        <location filename="../messages.py" line="49"/>
        <source>no stored calibration for these sensors</source>
        <translation>geen opgeslagen kalibratie voor deze sensoren</translation>
    </message>
    <message>
        <location filename="../messages.py" line="50"/>
        <source>the sensors did not stay still: hold the leg still in the start posture and try again</source>
        <translation>de sensoren bleven niet stil: houd het been stil in de startpositie en probeer het opnieuw</translation>
    </message>
    <message>
        <location filename="../messages.py" line="52"/>
        <source>No Bluetooth adapter found. Plug in the Bluetooth dongle or switch Bluetooth on in the computer&apos;s settings, then try again.</source>
        <translation>Geen Bluetooth-adapter gevonden. Steek de Bluetooth-dongle in of zet Bluetooth aan in de instellingen van de computer en probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="54"/>
        <source>Bluetooth is switched off. Switch it on in the computer&apos;s settings (or unblock it with the Bluetooth switch), then try again.</source>
        <translation>Bluetooth staat uit. Zet het aan in de instellingen van de computer (of met de Bluetooth-schakelaar) en probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="56"/>
        <source>Sensor {address} was not found. Switch it on (check its battery) and bring it within a few metres of the computer.</source>
        <translation>Sensor {address} is niet gevonden. Zet hem aan (controleer de batterij) en breng hem binnen een paar meter van de computer.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="58"/>
        <source>This computer does not allow the monitor to use Bluetooth. Allow it in the computer&apos;s privacy settings, or ask whoever looks after this computer.</source>
        <translation>Deze computer staat de monitor niet toe Bluetooth te gebruiken. Sta het toe in de privacy-instellingen van de computer, of vraag het aan wie deze computer beheert.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="61"/>
        <source>The Bluetooth adapter cannot take more sensors. Disconnect a sensor you do not need, or use a second adapter.</source>
        <translation>De Bluetooth-adapter kan geen sensoren meer aan. Koppel een sensor los die u niet nodig hebt, of gebruik een tweede adapter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="63"/>
        <source>a count of stands is a whole number, not {v}</source>
        <translation>het aantal keer opstaan is een heel getal, niet {v}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="64"/>
        <source>The computer&apos;s Bluetooth service is not running. Start it (Linux: sudo systemctl start bluetooth) or ask whoever looks after this computer, then try again.</source>
        <translation>De Bluetooth-dienst van de computer draait niet. Start die (Linux: sudo systemctl start bluetooth) of vraag het wie deze computer beheert, en probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="67"/>
        <source>Scanning for sensors failed ({detail}). Check that Bluetooth is on.</source>
        <translation>Zoeken naar sensoren is mislukt ({detail}). Controleer of Bluetooth aan staat.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="69"/>
        <source>Could not connect to {name} ({detail}). Bring it closer and try again.</source>
        <translation>Kon geen verbinding maken met {name} ({detail}). Breng hem dichterbij en probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="71"/>
        <source>{path} is not a session database (not an SQLite file); it was not changed. Choose another file with --db.</source>
        <translation>{path} is geen sessiedatabase (geen SQLite-bestand); het is niet gewijzigd. Kies een ander bestand met --db.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="73"/>
        <source>cannot create the session database {path}: {detail}</source>
        <translation>kan de sessiedatabase {path} niet aanmaken: {detail}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="74"/>
        <source>{path} cannot be opened as a session database ({detail}); it was not changed</source>
        <translation>{path} kan niet als sessiedatabase worden geopend ({detail}); het is niet gewijzigd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="76"/>
        <source>the disk holding {path} is full: recording stopped; everything recorded until now is saved. Free some space to record again.</source>
        <translation>de schijf met {path} is vol: de opname is gestopt; alles wat tot nu toe is opgenomen is bewaard. Maak ruimte vrij om weer op te nemen.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="79"/>
        <source>{path} is read-only: nothing can be saved</source>
        <translation>{path} is alleen-lezen: er kan niets worden opgeslagen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="80"/>
        <source>saving to {path} failed: {detail}</source>
        <translation>opslaan in {path} is mislukt: {detail}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="81"/>
        <source>{path} is in use by another program: close that program (or wait until it has finished) and try again</source>
        <translation>{path} wordt door een ander programma gebruikt: sluit dat programma (of wacht tot het klaar is) en probeer het opnieuw</translation>
    </message>
    <message>
        <location filename="../messages.py" line="83"/>
        <source>{path} is damaged ({detail}); it was not changed. Keep a copy of it and recover what can be read with: monitor db recover {path} NEW.db</source>
        <translation>{path} is beschadigd ({detail}); het is niet gewijzigd. Bewaar een kopie en red wat nog leesbaar is met: monitor db recover {path} NIEUW.db</translation>
    </message>
    <message>
        <location filename="../messages.py" line="86"/>
        <source>reading or writing {path} failed ({detail}): the disk may be full, failing or removed</source>
        <translation>lezen of schrijven van {path} is mislukt ({detail}): de schijf is misschien vol, defect of verwijderd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="88"/>
        <source>The session database is in use by another program: the set goes on, its samples wait in memory and are saved as soon as the database is free.</source>
        <translation>De sessiedatabase wordt door een ander programma gebruikt: de serie gaat door, de metingen wachten in het geheugen en worden opgeslagen zodra de database vrij is.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="91"/>
        <source>The database server cannot be reached: the set goes on and is kept on this computer until the server answers again.</source>
        <translation>De databaseserver is niet bereikbaar: de serie gaat door en wordt op deze computer bewaard tot de server weer antwoordt.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="93"/>
        <source>The database server answers again: everything recorded meanwhile is uploaded.</source>
        <translation>De databaseserver antwoordt weer: alles wat intussen is opgenomen is geüpload.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="95"/>
        <source>The set is kept on this computer ({n} commits wait in {spool}): it is uploaded when the database server answers again.</source>
        <translation>De serie wordt op deze computer bewaard ({n} vastleggingen wachten in {spool}): ze wordt geüpload zodra de databaseserver weer antwoordt.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="97"/>
        <source>the database server at {where} did not accept the login ({detail}): check the user name, and the password in the password file (~/.pgpass) or PGPASSWORD</source>
        <translation>de databaseserver op {where} accepteerde de aanmelding niet ({detail}): controleer de gebruikersnaam en het wachtwoord in het wachtwoordbestand (~/.pgpass) of PGPASSWORD</translation>
    </message>
    <message>
        <location filename="../messages.py" line="100"/>
        <source>the database server at {where} refused access ({detail}): ask whoever looks after the server to grant it</source>
        <translation>de databaseserver op {where} weigerde de toegang ({detail}): vraag de beheerder van de server om toegang</translation>
    </message>
    <message>
        <location filename="../messages.py" line="102"/>
        <source>no database at {where} ({detail}): check the URL given with --db</source>
        <translation>geen database op {where} ({detail}): controleer de URL bij --db</translation>
    </message>
    <message>
        <location filename="../messages.py" line="104"/>
        <source>no secure connection to {where} ({detail}): the server must offer TLS when the URL says sslmode=require</source>
        <translation>geen beveiligde verbinding met {where} ({detail}): de server moet TLS bieden als de URL sslmode=require zegt</translation>
    </message>
    <message>
        <location filename="../messages.py" line="106"/>
        <source>the database server at {where} cannot be reached ({detail}): check the network and that the server is running</source>
        <translation>de databaseserver op {where} is niet bereikbaar ({detail}): controleer het netwerk en of de server draait</translation>
    </message>
    <message>
        <location filename="../messages.py" line="108"/>
        <source>the connection to the database server at {where} was lost ({detail})</source>
        <translation>de verbinding met de databaseserver op {where} is verbroken ({detail})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="110"/>
        <source>the database server at {where} does not allow this ({detail}): the app&apos;s role needs the privileges the README lists</source>
        <translation>de databaseserver op {where} staat dit niet toe ({detail}): de rol van de app heeft de rechten nodig die de README noemt</translation>
    </message>
    <message>
        <location filename="../messages.py" line="112"/>
        <source>the database server at {where} is out of space ({detail}): recording stopped; everything recorded until now is saved</source>
        <translation>de databaseserver op {where} heeft geen ruimte meer ({detail}): de opname is gestopt; alles wat tot nu toe is opgenomen is bewaard</translation>
    </message>
    <message>
        <location filename="../messages.py" line="114"/>
        <source>{path} holds the tables of another program: give another database with --db; it was not changed</source>
        <translation>{path} bevat de tabellen van een ander programma: geef een andere database met --db; er is niets gewijzigd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="116"/>
        <source>nothing recorded yet in {path}: record a set first (or check the database named with --db)</source>
        <translation>nog niets opgenomen in {path}: neem eerst een serie op (of controleer de database bij --db)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="118"/>
        <source>{path} was written by a newer version of the app (schema {version}; this one knows up to {known}): update the app on this computer; the database was not changed</source>
        <translation>{path} is geschreven door een nieuwere versie van de app (schema {version}; deze kent tot en met {known}): werk de app op deze computer bij; de database is niet gewijzigd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="121"/>
        <source>{path} could not be upgraded to schema {version} ({detail}); it was left as it was</source>
        <translation>{path} kon niet worden bijgewerkt naar schema {version} ({detail}); het is gelaten zoals het was</translation>
    </message>
    <message>
        <location filename="../messages.py" line="123"/>
        <source>--db {target} is not a PostgreSQL URL that can be read ({detail})</source>
        <translation>--db {target} is geen leesbare PostgreSQL-URL ({detail})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="125"/>
        <source>{dst} is not empty: nothing was copied. Copy into an empty database, or add --merge to add this history to what is there</source>
        <translation>{dst} is niet leeg: er is niets gekopieerd. Kopieer naar een lege database, of voeg --merge toe om deze geschiedenis toe te voegen aan wat er al is</translation>
    </message>
    <message>
        <location filename="../messages.py" line="127"/>
        <source>the copy of {table} in {dst} has {n} rows, the source {m}</source>
        <translation>de kopie van {table} in {dst} heeft {n} rijen, de bron {m}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="128"/>
        <source>the raw samples copied into {dst} differ from the source (SHA-256 {a} against {b})</source>
        <translation>de ruwe metingen gekopieerd naar {dst} verschillen van de bron (SHA-256 {a} tegen {b})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="130"/>
        <source>{n} commits of {sets} sets recorded while {path} could not be reached still wait in {spool}: {why}</source>
        <translation>{n} vastleggingen van {sets} series, opgenomen toen {path} niet bereikbaar was, wachten nog in {spool}: {why}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="132"/>
        <source>uploaded {n} commits of {sets} sets recorded while {path} could not be reached</source>
        <translation>{n} vastleggingen van {sets} series geüpload, opgenomen toen {path} niet bereikbaar was</translation>
    </message>
    <message>
        <location filename="../messages.py" line="134"/>
        <source>The session database is free again: every sample of this set so far is saved.</source>
        <translation>De sessiedatabase is weer vrij: alle metingen van deze serie tot nu toe zijn opgeslagen.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="136"/>
        <source>The set is stopped; its last samples wait in memory until the session database is free: keep the app open.</source>
        <translation>De serie is gestopt; de laatste metingen wachten in het geheugen tot de sessiedatabase vrij is: laat het programma open.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="138"/>
        <source>The patient code &apos;{code}&apos; looks like a name and a date of birth: the app keeps pseudonymous codes (e.g. P0012); use a code that does not identify the patient.</source>
        <translation>De patiëntcode '{code}' lijkt op een naam en een geboortedatum: het programma bewaart alleen pseudoniemen (bijv. P0012); gebruik een code waaraan de patiënt niet te herkennen is.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="141"/>
        <source>The patient code &apos;{code}&apos; looks like a date of birth: the app keeps pseudonymous codes (e.g. P0012); use a code that does not identify the patient.</source>
        <translation>De patiëntcode '{code}' lijkt op een geboortedatum: het programma bewaart alleen pseudoniemen (bijv. P0012); gebruik een code waaraan de patiënt niet te herkennen is.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="144"/>
        <source>The patient code &apos;{code}&apos; looks like a name: the app keeps pseudonymous codes (e.g. P0012); use a code that does not identify the patient.</source>
        <translation>De patiëntcode '{code}' lijkt op een naam: het programma bewaart alleen pseudoniemen (bijv. P0012); gebruik een code waaraan de patiënt niet te herkennen is.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="148"/>
        <source>load {text} is not understood: give kilograms (e.g. 8 or 8 kg), a band level ({levels}) or bodyweight</source>
        <translation>belasting {text} is niet te lezen: geef kilogrammen (bv. 8 of 8 kg), een band ({levels}) of lichaamsgewicht</translation>
    </message>
    <message>
        <location filename="../messages.py" line="150"/>
        <source>tempo {text} is not understood: give four durations in seconds, up/hold/down/rest, e.g. 2/1/2/1</source>
        <translation>tempo {text} is niet te lezen: geef vier tijden in seconden, op/vast/neer/rust, bv. 2/1/2/1</translation>
    </message>
    <message>
        <location filename="../messages.py" line="152"/>
        <source>a result must be a number from {lo} to {hi}</source>
        <translation>een resultaat is een getal van {lo} tot {hi}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="153"/>
        <source>this test is measured per leg: say which (left or right)</source>
        <translation>deze test wordt per been gemeten: zeg welk (links of rechts)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="155"/>
        <source>added to the programme</source>
        <translation>aan het programma toegevoegd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="156"/>
        <source>changed in the programme</source>
        <translation>in het programma gewijzigd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="157"/>
        <source>changed during the visit</source>
        <translation>tijdens de sessie gewijzigd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="158"/>
        <source>set from the command line</source>
        <translation>via de opdrachtregel ingesteld</translation>
    </message>
    <message>
        <location filename="../messages.py" line="159"/>
        <source>order</source>
        <translation>volgorde</translation>
    </message>
    <message>
        <location filename="../messages.py" line="161"/>
        <source>no age or sex norms in common use for this test</source>
        <translation>geen leeftijds- of geslachtsnormen in gebruik voor deze test</translation>
    </message>
    <message>
        <location filename="../messages.py" line="162"/>
        <source>no norm: year of birth and sex not recorded</source>
        <translation>geen norm: geboortejaar en geslacht niet vastgelegd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="163"/>
        <source>no norm: year of birth not recorded</source>
        <translation>geen norm: geboortejaar niet vastgelegd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="164"/>
        <source>no norm: the norms are for women and men separately, and the patient&apos;s sex is not recorded as either</source>
        <translation>geen norm: de normen zijn voor vrouwen en mannen apart, en het geslacht van de patiënt is als geen van beide vastgelegd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="166"/>
        <source>no norm for age {age}: the norms cover {lo}-{hi} years</source>
        <translation>geen norm voor leeftijd {age}: de normen gaan over {lo}-{hi} jaar</translation>
    </message>
    <message>
        <location filename="../messages.py" line="168"/>
        <source>body weight at {reps} repetitions and {sets} sets: add a weight or a harder variant to progress</source>
        <translation>lichaamsgewicht bij {reps} herhalingen en {sets} series: voeg gewicht toe of kies een zwaardere variant om verder op te bouwen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="170"/>
        <source>reduce the range of the movement instead</source>
        <translation>verklein in plaats daarvan de bewegingsuitslag</translation>
    </message>
    <message>
        <location filename="../messages.py" line="171"/>
        <source>pain before the sessions rose from {a}/10 to {b}/10 in a week</source>
        <translation>pijn voor de sessies steeg in een week van {a}/10 naar {b}/10</translation>
    </message>
    <message>
        <location filename="../messages.py" line="172"/>
        <source>pain before the sessions rose {n} weeks in a row ({a}/10 -&gt; {b}/10)</source>
        <translation>pijn voor de sessies steeg {n} weken op rij ({a}/10 -&gt; {b}/10)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="174"/>
        <source>all {sets} sets of {reps} reached the target range at the prescribed tempo</source>
        <translation>alle {sets} series van {reps} haalden het doelbereik in het voorgeschreven tempo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="176"/>
        <source>the set of {reps} reached the target range at the prescribed tempo</source>
        <translation>de serie van {reps} haalde het doelbereik in het voorgeschreven tempo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="178"/>
        <source>both sets of {reps} reached the target range at the prescribed tempo</source>
        <translation>beide series van {reps} haalden het doelbereik in het voorgeschreven tempo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="180"/>
        <source>the dose changed after the last visit ({old} -&gt; {new}): see how the new dose goes first</source>
        <translation>de dosering is na de vorige sessie gewijzigd ({old} -&gt; {new}): kijk eerst hoe de nieuwe dosering gaat</translation>
    </message>
    <message>
        <location filename="../messages.py" line="182"/>
        <source>load {old} -&gt; {new}: +{step} kg{pct}</source>
        <translation>belasting {old} -&gt; {new}: +{step} kg{pct}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="183"/>
        <source>the strongest band is reached: change to weights to progress</source>
        <translation>de zwaarste band is bereikt: stap over op gewichten om verder op te bouwen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="184"/>
        <source>body weight: {old} -&gt; {new} repetitions per set</source>
        <translation>lichaamsgewicht: {old} -&gt; {new} herhalingen per serie</translation>
    </message>
    <message>
        <location filename="../messages.py" line="185"/>
        <source>body weight: {old} -&gt; {new} sets</source>
        <translation>lichaamsgewicht: {old} -&gt; {new} series</translation>
    </message>
    <message>
        <location filename="../messages.py" line="186"/>
        <source>load {old} -&gt; {new}</source>
        <translation>belasting {old} -&gt; {new}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="187"/>
        <source>{done} of {sets} sets done</source>
        <translation>{done} van {sets} series gedaan</translation>
    </message>
    <message>
        <location filename="../messages.py" line="188"/>
        <source>{n} of {total} repetitions fell short of the target range</source>
        <translation>{n} van {total} herhalingen haalden het doelbereik niet</translation>
    </message>
    <message>
        <location filename="../messages.py" line="189"/>
        <source>{n} of {total} repetitions were faster than the prescribed tempo</source>
        <translation>{n} van {total} herhalingen gingen sneller dan het voorgeschreven tempo</translation>
    </message>
    <message>
        <location filename="../messages.py" line="191"/>
        <source>effort {v}/10: above the target band ({lo}-{hi}/10)</source>
        <translation>inspanning {v}/10: boven de doelzone ({lo}-{hi}/10)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="192"/>
        <source>the pain-monitoring model: reduce the load or the range, then build up again</source>
        <translation>het pijnmonitoringsmodel: verlaag de belasting of de uitslag en bouw daarna weer op</translation>
    </message>
    <message>
        <location filename="../messages.py" line="194"/>
        <source>next-morning pain not known yet: ask before changing the load</source>
        <translation>pijn de ochtend erna nog niet bekend: vraag ernaar voor u de belasting verandert</translation>
    </message>
    <message>
        <location filename="../messages.py" line="195"/>
        <source>met in {n} of {need} visits in a row at this dose: hold once more before increasing</source>
        <translation>gehaald in {n} van {need} sessies op rij bij deze dosering: houd het nog een keer gelijk voor u verhoogt</translation>
    </message>
    <message>
        <location filename="../messages.py" line="197"/>
        <source>effort {v}/10</source>
        <translation>inspanning {v}/10</translation>
    </message>
    <message>
        <location filename="../messages.py" line="198"/>
        <source>pain {v}/10, settled by the next morning</source>
        <translation>pijn {v}/10, de ochtend erna weer gezakt</translation>
    </message>
    <message>
        <location filename="../messages.py" line="199"/>
        <source>load {old} -&gt; {new}: the next band</source>
        <translation>belasting {old} -&gt; {new}: de volgende band</translation>
    </message>
    <message>
        <location filename="../messages.py" line="200"/>
        <source>pain after the exercise {v}/10: above {max}/10, the pain-monitoring model&apos;s limit</source>
        <translation>pijn na de oefening {v}/10: boven {max}/10, de grens van het pijnmonitoringsmodel</translation>
    </message>
    <message>
        <location filename="../messages.py" line="202"/>
        <source>pain the next morning {v}/10 had not settled to the usual {usual}/10</source>
        <translation>pijn de ochtend erna {v}/10 was niet gezakt naar de gewone {usual}/10</translation>
    </message>
    <message>
        <location filename="../messages.py" line="204"/>
        <source>set {i}: {n} of {reps} repetitions</source>
        <translation>serie {i}: {n} van {reps} herhalingen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="205"/>
        <source>set {i} was done with {load} instead of {dose}</source>
        <translation>serie {i} is gedaan met {load} in plaats van {dose}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="206"/>
        <source>no sets of this exercise recorded yet</source>
        <translation>nog geen series van deze oefening opgenomen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="207"/>
        <source>pain {v}/10</source>
        <translation>pijn {v}/10</translation>
    </message>
    <message>
        <location filename="../messages.py" line="208"/>
        <source>pain after the exercise {v}/10: acceptable, but it leaves no margin for more load</source>
        <translation>pijn na de oefening {v}/10: aanvaardbaar, maar er is geen ruimte voor meer belasting</translation>
    </message>
    <message>
        <location filename="../messages.py" line="210"/>
        <source>The battery of the {placement} sensor ({name}) is at {pct}%: it may stop during the set. Charge it or use another sensor.</source>
        <translation>De batterij van de sensor op het {placement} ({name}) staat op {pct}%: hij kan tijdens de serie uitvallen. Laad hem op of gebruik een andere sensor.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="212"/>
        <source>The Bluetooth adapter was removed: the set waits for it and keeps what was recorded. Plug it in again to go on.</source>
        <translation>De Bluetooth-adapter is verwijderd: de serie wacht erop en houdt wat is opgenomen. Steek hem weer in om verder te gaan.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="214"/>
        <source>Bluetooth was switched off: the set waits for it and keeps what was recorded. Switch it on again to go on.</source>
        <translation>Bluetooth is uitgeschakeld: de serie wacht erop en houdt wat is opgenomen. Zet Bluetooth weer aan om verder te gaan.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="216"/>
        <source>Bluetooth is back: connecting the sensors again.</source>
        <translation>Bluetooth is terug: de sensoren worden opnieuw verbonden.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="217"/>
        <source>The {placement} sensor stopped sending: reconnecting.</source>
        <translation>De sensor op het {placement} stuurt niets meer: opnieuw verbinden.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="218"/>
        <source>The {placement} sensor is connected again: recording goes on.</source>
        <translation>De sensor op het {placement} is weer verbonden: de opname gaat verder.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="222"/>
        <source>{path}, line {line}: {problem}</source>
        <translation>{path}, regel {line}: {problem}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="223"/>
        <source>{path}, column {column}: {problem}</source>
        <translation>{path}, kolom {column}: {problem}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="224"/>
        <source>{path}, line {line}, column {column}: {problem}</source>
        <translation>{path}, regel {line}, kolom {column}: {problem}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="226"/>
        <source>file not found</source>
        <translation>bestand niet gevonden</translation>
    </message>
    <message>
        <location filename="../messages.py" line="227"/>
        <source>cannot be read: a loop of symbolic links</source>
        <translation>niet te lezen: een kring van symbolische koppelingen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="228"/>
        <source>cannot be read: permission denied</source>
        <translation>niet te lezen: geen toestemming</translation>
    </message>
    <message>
        <location filename="../messages.py" line="229"/>
        <source>cannot be read ({detail})</source>
        <translation>niet te lezen ({detail})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="230"/>
        <source>IMU CSV file</source>
        <translation>IMU-CSV-bestand</translation>
    </message>
    <message>
        <location filename="../messages.py" line="231"/>
        <source>IMU CSV sidecar (JSON)</source>
        <translation>sidecar van een IMU-CSV-bestand (JSON)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="232"/>
        <source>is a folder, not an {what}</source>
        <translation>is een map, geen {what}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="233"/>
        <source>a pipe (FIFO)</source>
        <translation>een pipe (FIFO)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="234"/>
        <source>a device</source>
        <translation>een apparaat</translation>
    </message>
    <message>
        <location filename="../messages.py" line="235"/>
        <source>a socket</source>
        <translation>een socket</translation>
    </message>
    <message>
        <location filename="../messages.py" line="236"/>
        <source>not a regular file</source>
        <translation>geen gewoon bestand</translation>
    </message>
    <message>
        <location filename="../messages.py" line="237"/>
        <source>is {kind}, not an {what}: give a file</source>
        <translation>is {kind}, geen {what}: geef een bestand</translation>
    </message>
    <message>
        <location filename="../messages.py" line="238"/>
        <source>is not a regular file, not an {what}: give a file</source>
        <translation>is geen gewoon bestand en dus geen {what}: geef een bestand</translation>
    </message>
    <message>
        <location filename="../messages.py" line="239"/>
        <source>tabs</source>
        <translation>tabtekens</translation>
    </message>
    <message>
        <location filename="../messages.py" line="240"/>
        <source>the file is separated by {words}: save it as comma-separated CSV (numbers with a decimal point)</source>
        <translation>het bestand is gescheiden door {words}: sla het op als CSV gescheiden door komma's (getallen met een decimale punt)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="242"/>
        <source>missing column(s) {missing} in the header (expected {expected})</source>
        <translation>kolom(men) {missing} ontbreken in de kopregel (verwacht {expected})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="244"/>
        <source>magnetometer columns must be all of mag_x, mag_y, mag_z</source>
        <translation>de magnetometerkolommen moeten er alle drie zijn: mag_x, mag_y, mag_z</translation>
    </message>
    <message>
        <location filename="../messages.py" line="246"/>
        <source>a column name appears twice in the header</source>
        <translation>een kolomnaam staat twee keer in de kopregel</translation>
    </message>
    <message>
        <location filename="../messages.py" line="247"/>
        <source>cannot be parsed as IMU CSV</source>
        <translation>niet te lezen als IMU-CSV</translation>
    </message>
    <message>
        <location filename="../messages.py" line="248"/>
        <source>value {value} is not a finite number</source>
        <translation>waarde {value} is geen eindig getal</translation>
    </message>
    <message>
        <location filename="../messages.py" line="249"/>
        <source>binary data, not a CSV text file</source>
        <translation>binaire gegevens, geen CSV-tekstbestand</translation>
    </message>
    <message>
        <location filename="../messages.py" line="250"/>
        <source>empty sensor label</source>
        <translation>lege sensornaam</translation>
    </message>
    <message>
        <location filename="../messages.py" line="251"/>
        <source>sensor labels {a} and {b} differ only by spaces: are they one sensor or two? Write one sensor&apos;s label the same way in every row, or give two sensors different names</source>
        <translation>de sensornamen {a} en {b} verschillen alleen in spaties: is dat één sensor of zijn het er twee? Schrijf de naam van een sensor in elke rij hetzelfde, of geef twee sensoren verschillende namen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="255"/>
        <source>time goes backwards or repeats for sensor {label} ({after} s after {before} s); rows of one sensor must be in time order</source>
        <translation>de tijd loopt terug of herhaalt zich bij sensor {label} ({after} s na {before} s); de rijen van één sensor moeten op volgorde van tijd staan</translation>
    </message>
    <message>
        <location filename="../messages.py" line="258"/>
        <source>sensor {label} has fewer than two samples</source>
        <translation>sensor {label} heeft minder dan twee metingen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="259"/>
        <source>a quoted field contains a comma ({value}): sensor labels must not contain commas</source>
        <translation>een veld tussen aanhalingstekens bevat een komma ({value}): sensornamen mogen geen komma's bevatten</translation>
    </message>
    <message>
        <location filename="../messages.py" line="261"/>
        <source>cannot be read as CSV ({detail})</source>
        <translation>niet te lezen als CSV ({detail})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="262"/>
        <source>line {line} is longer than {kb} KB: not a row of an IMU CSV file</source>
        <translation>regel {line} is langer dan {kb} KB: geen rij van een IMU-CSV-bestand</translation>
    </message>
    <message>
        <location filename="../messages.py" line="264"/>
        <source>file is empty (expected a header row and samples)</source>
        <translation>het bestand is leeg (verwacht een kopregel en metingen)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="265"/>
        <source>no samples after the header row</source>
        <translation>geen metingen na de kopregel</translation>
    </message>
    <message>
        <location filename="../messages.py" line="266"/>
        <source>not valid {encoding} text: the file may be damaged</source>
        <translation>geen geldige {encoding}-tekst: het bestand is mogelijk beschadigd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="267"/>
        <source>sensor {label}: samples are {dt} s apart (median), a rate of {rate} Hz; expected {lo}-{hi} Hz</source>
        <translation>sensor {label}: de metingen liggen {dt} s uit elkaar (mediaan), een frequentie van {rate} Hz; verwacht {lo}-{hi} Hz</translation>
    </message>
    <message>
        <location filename="../messages.py" line="269"/>
        <source>sensor {label}: samples are {dt} s apart (median), a rate of {rate} Hz; expected {lo}-{hi} Hz; is time_s in {unit}? It must be in seconds</source>
        <translation>sensor {label}: de metingen liggen {dt} s uit elkaar (mediaan), een frequentie van {rate} Hz; verwacht {lo}-{hi} Hz; staat time_s in {unit}? Het moet in seconden</translation>
    </message>
    <message>
        <location filename="../messages.py" line="272"/>
        <source>milliseconds</source>
        <translation>milliseconden</translation>
    </message>
    <message>
        <location filename="../messages.py" line="273"/>
        <source>microseconds</source>
        <translation>microseconden</translation>
    </message>
    <message>
        <location filename="../messages.py" line="274"/>
        <source>row has {n} fields, expected {ncols} (truncated row?)</source>
        <translation>de rij heeft {n} velden, verwacht {ncols} (afgebroken rij?)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="275"/>
        <source>row has {n} fields, expected {ncols}</source>
        <translation>de rij heeft {n} velden, verwacht {ncols}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="276"/>
        <source>{value} is not a number</source>
        <translation>{value} is geen getal</translation>
    </message>
    <message>
        <location filename="../messages.py" line="277"/>
        <source>sidecar is larger than {kb} KB: not a sidecar of this format</source>
        <translation>de sidecar is groter dan {kb} KB: geen sidecar van dit formaat</translation>
    </message>
    <message>
        <location filename="../messages.py" line="279"/>
        <source>sidecar cannot be read as text (not UTF-8)</source>
        <translation>de sidecar is niet als tekst te lezen (geen UTF-8)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="280"/>
        <source>sidecar is not valid JSON ({detail})</source>
        <translation>de sidecar is geen geldige JSON ({detail})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="281"/>
        <source>sidecar is not a sidecar of this format (nested too deeply)</source>
        <translation>de sidecar is geen sidecar van dit formaat (te diep genest)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="283"/>
        <source>sidecar is not a sidecar of this format ({detail})</source>
        <translation>de sidecar is geen sidecar van dit formaat ({detail})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="284"/>
        <source>sidecar must be a JSON object</source>
        <translation>de sidecar moet een JSON-object zijn</translation>
    </message>
    <message>
        <location filename="../messages.py" line="285"/>
        <source>&apos;sensors&apos; must be an object of LABEL: {{placement}}</source>
        <translation>'sensors' moet een object zijn van LABEL: {{placement}}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="286"/>
        <source>sensor {label}: placement {what} is not one of {known}</source>
        <translation>sensor {label}: plaats {what} is niet een van {known}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="287"/>
        <source>missing</source>
        <translation>ontbreekt</translation>
    </message>
    <message>
        <location filename="../messages.py" line="288"/>
        <source>a JSON {type}</source>
        <translation>een JSON-{type}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="289"/>
        <source>the sidecar names sensor(s) {named} but the file has {labels}</source>
        <translation>de sidecar noemt sensor(en) {named}, maar het bestand heeft {labels}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="291"/>
        <source>&apos;exercise&apos; must be an exercise id or null</source>
        <translation>'exercise' moet het id van een oefening zijn, of null</translation>
    </message>
    <message>
        <location filename="../messages.py" line="292"/>
        <source>&apos;exercise&apos;: {value} is not in the catalogue (see the README for the exercise ids), or null</source>
        <translation>'exercise': {value} staat niet in de catalogus (zie de README voor de id's van de oefeningen), of null</translation>
    </message>
    <message>
        <location filename="../messages.py" line="294"/>
        <source>&apos;side&apos; must be &apos;left&apos; or &apos;right&apos;, not {value}</source>
        <translation>'side' moet 'left' of 'right' zijn, niet {value}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="295"/>
        <source>&apos;side&apos; must be &apos;left&apos; or &apos;right&apos;, not that</source>
        <translation>'side' moet 'left' of 'right' zijn</translation>
    </message>
    <message>
        <location filename="../messages.py" line="296"/>
        <source>sensors {a} and {b} are both placed on the {placement}: give each sensor its own placement</source>
        <translation>de sensoren {a} en {b} zitten allebei op het {placement}: geef elke sensor een eigen plaats</translation>
    </message>
    <message>
        <location filename="../messages.py" line="298"/>
        <source>&apos;units&apos; must be an object of COLUMN: unit</source>
        <translation>'units' moet een object zijn van KOLOM: eenheid</translation>
    </message>
    <message>
        <location filename="../messages.py" line="299"/>
        <source>the sidecar gives {column} in {unit}, but this format reads it in {want}: convert the column (or correct &apos;units&apos;)</source>
        <translation>de sidecar geeft {column} in {unit}, maar dit formaat leest die in {want}: reken de kolom om (of verbeter 'units')</translation>
    </message>
    <message>
        <location filename="../messages.py" line="301"/>
        <source>no unit</source>
        <translation>geen eenheid</translation>
    </message>
    <message>
        <location filename="../messages.py" line="303"/>
        <source>patients {a} and {b} would both be {label} in {path}: export them to separate folders</source>
        <translation>patiënten {a} en {b} zouden allebei {label} worden in {path}: exporteer ze naar verschillende mappen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="305"/>
        <source>set {set} has no samples of its measured sensor</source>
        <translation>serie {set} heeft geen metingen van de sensor waarmee gemeten is</translation>
    </message>
    <message>
        <location filename="../messages.py" line="308"/>
        <source>{path}: {problem} (--placement LABEL=PLACEMENT)</source>
        <translation>{path}: {problem} (met --placement LABEL=PLACEMENT)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="309"/>
        <source>--placement {item}: expected LABEL=PLACEMENT with PLACEMENT one of {known}</source>
        <translation>--placement {item}: verwacht LABEL=PLACEMENT met als PLACEMENT een van {known}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="311"/>
        <source>--placement: no sensor {label} in {path} (sensors: {sensors})</source>
        <translation>--placement: geen sensor {label} in {path} (sensoren: {sensors})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="313"/>
        <source>--axes {item}: expected LABEL=MAPPING, e.g. right_shank=x,y,-z</source>
        <translation>--axes {item}: verwacht LABEL=MAPPING, bv. right_shank=x,y,-z</translation>
    </message>
    <message>
        <location filename="../messages.py" line="315"/>
        <source>--axes: no sensor {label} in {path} (sensors: {sensors})</source>
        <translation>--axes: geen sensor {label} in {path} (sensoren: {sensors})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="317"/>
        <source>the sensors have no placements; give them in a sidecar or with --placement LABEL=PLACEMENT (one of {known})</source>
        <translation>de sensoren hebben geen plaats; geef die in een sidecar of met --placement LABEL=PLACEMENT (een van {known})</translation>
    </message>
    <message>
        <location filename="../messages.py" line="320"/>
        <source>unknown test {test}; known tests: {known}</source>
        <translation>onbekende test {test}; bekende testen: {known}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="321"/>
        <source>unknown questionnaire score {score}; known: {known}</source>
        <translation>onbekende vragenlijstscore {score}; bekend: {known}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="322"/>
        <source>unknown exercise {exercise}; known exercises: {known}, or &apos;none&apos; to count repetitions of any movement</source>
        <translation>onbekende oefening {exercise}; bekende oefeningen: {known}, of 'none' om herhalingen van elke beweging te tellen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="325"/>
        <source>{instrument}: a score is {lo}-{hi}, not {v}</source>
        <translation>{instrument}: een score is {lo}-{hi}, niet {v}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="327"/>
        <source>A group has at most {n} participants.</source>
        <translation>Een groep heeft hoogstens {n} deelnemers.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="328"/>
        <source>Patient {code} is in the group already.</source>
        <translation>Patiënt {code} zit al in de groep.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="329"/>
        <source>A group needs at least {n} participants.</source>
        <translation>Een groep heeft minstens {n} deelnemers nodig.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="330"/>
        <source>A group has {lo} to {hi} participants, not {n}.</source>
        <translation>Een groep heeft {lo} tot {hi} deelnemers, niet {n}.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="331"/>
        <source>--sensor {item}: expected ADDRESS=CODE:PLACEMENT with PLACEMENT one of {known}</source>
        <translation>--sensor {item}: verwacht ADRES=CODE:PLAATS met PLAATS een van {known}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="333"/>
        <source>--sensor {item}: that sensor is given twice</source>
        <translation>--sensor {item}: die sensor staat er twee keer</translation>
    </message>
    <message>
        <location filename="../messages.py" line="334"/>
        <source>--sensor {item}: {address} is not a Bluetooth address (six pairs of hex digits, as &apos;monitor scan&apos; lists them)</source>
        <translation>--sensor {item}: {address} is geen Bluetooth-adres (zes paren hexadecimale cijfers, zoals 'monitor scan' ze toont)</translation>
    </message>
    <message>
        <location filename="../messages.py" line="336"/>
        <source>--sensor {item}: {code} has a sensor at that place already</source>
        <translation>--sensor {item}: {code} heeft op die plaats al een sensor</translation>
    </message>
    <message>
        <location filename="../messages.py" line="338"/>
        <source>--exercise {item}: expected CODE=EXERCISE with EXERCISE one of {known}</source>
        <translation>--exercise {item}: verwacht CODE=OEFENING met OEFENING een van {known}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="340"/>
        <source>--exercise {item}: {code} wears no sensor in this group</source>
        <translation>--exercise {item}: {code} draagt geen sensor in deze groep</translation>
    </message>
    <message>
        <location filename="../messages.py" line="341"/>
        <source>This exercise is measured on the {segment}: strap a sensor there.</source>
        <translation>Deze oefening wordt gemeten op het {segment}: maak daar een sensor vast.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="343"/>
        <source>Bluetooth is full: sensor {address} cannot be connected (sensors per adapter: {where}). Plug in another Bluetooth adapter, or connect fewer sensors (one per participant).</source>
        <translation>Bluetooth is vol: sensor {address} kan niet verbonden worden (sensoren per adapter: {where}). Sluit nog een Bluetooth-adapter aan, of verbind minder sensoren (één per deelnemer).</translation>
    </message>
    <message>
        <location filename="../messages.py" line="350"/>
        <source>thigh</source>
        <translation>bovenbeen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="350"/>
        <source>shank</source>
        <translation>onderbeen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="351"/>
        <source>pelvis</source>
        <translation>bekken</translation>
    </message>
    <message>
        <location filename="../messages.py" line="352"/>
        <source>right thigh</source>
        <translation>rechterbovenbeen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="352"/>
        <source>left thigh</source>
        <translation>linkerbovenbeen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="353"/>
        <source>right shank</source>
        <translation>rechteronderbeen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="353"/>
        <source>left shank</source>
        <translation>linkeronderbeen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="355"/>
        <source>body weight</source>
        <translation>lichaamsgewicht</translation>
    </message>
    <message>
        <location filename="../messages.py" line="356"/>
        <source>yellow band</source>
        <translation>gele band</translation>
    </message>
    <message>
        <location filename="../messages.py" line="356"/>
        <source>red band</source>
        <translation>rode band</translation>
    </message>
    <message>
        <location filename="../messages.py" line="357"/>
        <source>green band</source>
        <translation>groene band</translation>
    </message>
    <message>
        <location filename="../messages.py" line="357"/>
        <source>blue band</source>
        <translation>blauwe band</translation>
    </message>
    <message>
        <location filename="../messages.py" line="358"/>
        <source>black band</source>
        <translation>zwarte band</translation>
    </message>
    <message>
        <location filename="../messages.py" line="358"/>
        <source>silver band</source>
        <translation>zilveren band</translation>
    </message>
    <message>
        <location filename="../messages.py" line="359"/>
        <source>gold band</source>
        <translation>gouden band</translation>
    </message>
    <message>
        <location filename="../messages.py" line="361"/>
        <source>decimal point</source>
        <translation>,</translation>
    </message>
</context>
</TS>
