<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AngleGauge</name>
    <message>
        <location filename="../widgets.py" line="76"/>
        <source>{angle} (uncalibrated)</source>
        <translation>{angle} (niet gekalibreerd)</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../history_view.py" line="45"/>
        <source>moment</source>
        <translation>moment</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="45"/>
        <source>date</source>
        <translation>datum</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="45"/>
        <source>sets</source>
        <translation>series</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="45"/>
        <source>reps</source>
        <translation>herh.</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="46"/>
        <location filename="../history_view.py" line="132"/>
        <source>best ROM (°)</source>
        <translation>beste ROM (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="46"/>
        <location filename="../history_view.py" line="133"/>
        <source>mean ROM (°)</source>
        <translation>gem. ROM (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="46"/>
        <source>change (°)</source>
        <translation>verschil (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="52"/>
        <source>range of motion</source>
        <translation>bewegingsuitslag</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="52"/>
        <location filename="../history_view.py" line="134"/>
        <location filename="../history_view.py" line="152"/>
        <source>repetitions</source>
        <translation>herhalingen</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="53"/>
        <source>tempo (up / down)</source>
        <translation>tempo (op / neer)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="54"/>
        <source>time under tension</source>
        <translation>tijd onder spanning</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="55"/>
        <source>rise (heel raise)</source>
        <translation>hoogte (op de tenen)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="59"/>
        <location filename="../history_view.py" line="152"/>
        <source>ROM (°)</source>
        <translation>ROM (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="62"/>
        <source>time from first repetition</source>
        <translation>tijd vanaf eerste herhaling</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="64"/>
        <source>Replay selected</source>
        <translation>Geselecteerde afspelen</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="65"/>
        <source>Overlay first and selected</source>
        <translation>Eerste en geselecteerde over elkaar</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="66"/>
        <source>Report (PDF)...</source>
        <translation>Rapport (PDF)...</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="72"/>
        <source>Exercise</source>
        <translation>Oefening</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="74"/>
        <source>Chart</source>
        <translation>Grafiek</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="135"/>
        <source>up (s)</source>
        <translation>op (s)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="136"/>
        <source>down (s)</source>
        <translation>neer (s)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="137"/>
        <location filename="../history_view.py" line="154"/>
        <source>time under tension (s)</source>
        <translation>tijd onder spanning (s)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="139"/>
        <source>best rise (cm)</source>
        <translation>beste hoogte (cm)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="140"/>
        <source>mean rise (cm)</source>
        <translation>gem. hoogte (cm)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="153"/>
        <source>phase duration (s)</source>
        <translation>duur van de fase (s)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="155"/>
        <source>rise (cm)</source>
        <translation>hoogte (cm)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="184"/>
        <source>set {n}</source>
        <translation>serie {n}</translation>
    </message>
</context>
<context>
    <name>LegAnimation</name>
    <message>
        <location filename="../widgets.py" line="203"/>
        <source>hold still</source>
        <translation>stil houden</translation>
    </message>
    <message>
        <location filename="../widgets.py" line="205"/>
        <source>rise onto the toes slowly</source>
        <translation>langzaam op de tenen</translation>
    </message>
    <message>
        <location filename="../widgets.py" line="207"/>
        <source>bend and stretch slowly</source>
        <translation>langzaam buigen en strekken</translation>
    </message>
</context>
<context>
    <name>LiveView</name>
    <message>
        <location filename="../live_view.py" line="49"/>
        <location filename="../live_view.py" line="162"/>
        <source>repetitions</source>
        <translation>herhalingen</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="62"/>
        <source>time</source>
        <translation>tijd</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="75"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="75"/>
        <source>ROM (°)</source>
        <translation>ROM (°)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="76"/>
        <source>up (s)</source>
        <translation>op (s)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="76"/>
        <source>hold (s)</source>
        <translation>vast (s)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="77"/>
        <source>down (s)</source>
        <translation>neer (s)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="77"/>
        <source>note</source>
        <translation>opmerking</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="94"/>
        <source>Start  (space)</source>
        <translation>Start  (spatie)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="96"/>
        <location filename="../live_view.py" line="181"/>
        <source>Pause</source>
        <translation>Pauze</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="98"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="111"/>
        <location filename="../live_view.py" line="245"/>
        <source>Pause replay</source>
        <translation>Afspelen pauzeren</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="125"/>
        <source>speed</source>
        <translation>snelheid</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="163"/>
        <source>of {n} repetitions</source>
        <translation>van {n} herhalingen</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="181"/>
        <source>Resume</source>
        <translation>Verder</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="199"/>
        <location filename="../live_view.py" line="213"/>
        <source>rise {cm:.1f} cm</source>
        <translation>omhoog {cm:.1f} cm</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="210"/>
        <source>last: {rom:.0f}° in {t:.1f} s</source>
        <translation>laatste: {rom:.0f}° in {t:.1f} s</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="224"/>
        <source>short of target</source>
        <translation>doel niet gehaald</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="225"/>
        <source>too fast</source>
        <translation>te snel</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="226"/>
        <source>sensor moved?</source>
        <translation>sensor verschoven?</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="227"/>
        <source>thigh moved</source>
        <translation>bovenbeen bewoog</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="228"/>
        <source>lower leg moved</source>
        <translation>onderbeen bewoog</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="229"/>
        <source>thigh sensor silent</source>
        <translation>bovenbeensensor viel weg</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="230"/>
        <source>lower-leg sensor silent</source>
        <translation>onderbeensensor viel weg</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="231"/>
        <location filename="../live_view.py" line="232"/>
        <source>sensor silent</source>
        <translation>sensor viel weg</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="245"/>
        <source>Play replay</source>
        <translation>Verder afspelen</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="252"/>
        <source>Set: {n} repetitions, ROM {rom:.0f}° ± {sd:.0f}°, {tut:.0f} s under tension, {low} short of target, {fast} too fast</source>
        <translation>Serie: {n} herhalingen, ROM {rom:.0f}° ± {sd:.0f}°, {tut:.0f} s onder spanning, {low} doel niet gehaald, {fast} te snel</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="62"/>
        <source>Exercise monitor</source>
        <translation>Oefenmonitor</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="66"/>
        <source>patient code, e.g. P0012</source>
        <translation>patiëntcode, bv. P0012</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="74"/>
        <source>Open patient</source>
        <translation>Patiënt openen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="76"/>
        <source>sound</source>
        <translation>geluid</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="79"/>
        <source>speak counts</source>
        <translation>tellen hardop</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="82"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="84"/>
        <source>Moment</source>
        <translation>Meetmoment</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="86"/>
        <source>Exercise</source>
        <translation>Oefening</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="93"/>
        <location filename="../main_window.py" line="472"/>
        <source>No sensors connected.</source>
        <translation>Geen sensoren verbonden.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="96"/>
        <source>Connect demo sensors</source>
        <translation>Demosensoren verbinden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="98"/>
        <location filename="../main_window.py" line="302"/>
        <source>Scan for sensors</source>
        <translation>Sensoren zoeken</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="103"/>
        <source>Connect selected</source>
        <translation>Gekozen sensoren verbinden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="110"/>
        <location filename="../main_window.py" line="375"/>
        <source>Calibrate</source>
        <translation>Kalibreren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="112"/>
        <source>Use last calibration</source>
        <translation>Vorige kalibratie gebruiken</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="114"/>
        <source>Checks in a still pose that the sensors sit as they did</source>
        <translation>Controleert in een stille houding of de sensoren nog net zo zitten</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="121"/>
        <source>Sensors</source>
        <translation>Sensoren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="128"/>
        <source>Calibration</source>
        <translation>Kalibratie</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="147"/>
        <source>Targets</source>
        <translation>Doelen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="149"/>
        <source>range</source>
        <translation>bereik</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="152"/>
        <source>tempo up / hold / down / rest (s)</source>
        <translation>tempo op / vast / neer / rust (s)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="157"/>
        <source>reps x sets</source>
        <translation>herh. x series</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="166"/>
        <source>note for this set</source>
        <translation>opmerking bij deze serie</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="173"/>
        <source>Note</source>
        <translation>Opmerking</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="189"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="190"/>
        <source>History</source>
        <translation>Verloop</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="225"/>
        <source>Type a patient code first (no names needed), e.g. P0012.</source>
        <translation>Typ eerst een patiëntcode (geen naam nodig), bv. P0012.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="248"/>
        <source>Patient {code}: first session</source>
        <translation>Patiënt {code}: eerste sessie</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="250"/>
        <source>Patient {code}: 1 earlier session</source>
        <translation>Patiënt {code}: 1 eerdere sessie</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="252"/>
        <source>Patient {code}: {n} earlier sessions</source>
        <translation>Patiënt {code}: {n} eerdere sessies</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="268"/>
        <source>Stop the set first to change the exercise.</source>
        <translation>Stop eerst de serie om van oefening te wisselen.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="280"/>
        <source>Next sets: {exercise}. Calibrate, or use the last calibration.</source>
        <translation>Volgende series: {exercise}. Kalibreer, of gebruik de vorige kalibratie.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="296"/>
        <source>Scanning...</source>
        <translation>Zoeken...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="312"/>
        <source>No sensors found: switch them on and bring them closer.</source>
        <translation>Geen sensoren gevonden: zet ze aan en breng ze dichterbij.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="320"/>
        <source>not used</source>
        <translation>niet gebruikt</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="339"/>
        <source>Choose where each sensor sits first.</source>
        <translation>Kies eerst waar elke sensor zit.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="345"/>
        <source>Connecting...</source>
        <translation>Verbinden...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="363"/>
        <source>Connect the sensors first.</source>
        <translation>Verbind eerst de sensoren.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="368"/>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="370"/>
        <source>Recording... press Done when finished.</source>
        <translation>Opnemen... druk op Klaar als u klaar bent.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="386"/>
        <source>knee flexion</source>
        <translation>kniebuiging</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="387"/>
        <source>hip flexion</source>
        <translation>heupbuiging</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="388"/>
        <source>hip extension</source>
        <translation>heupstrekking</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="389"/>
        <source>hip abduction</source>
        <translation>heupabductie</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="390"/>
        <source>lower-leg tilt</source>
        <translation>kanteling onderbeen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="391"/>
        <source>thigh tilt</source>
        <translation>kanteling bovenbeen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="392"/>
        <source>movement</source>
        <translation>beweging</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="430"/>
        <source>2. Do the exercise&apos;s movement slowly three times.</source>
        <translation>2. Doe de beweging van de oefening langzaam, drie keer.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="432"/>
        <source>2. Move the leg out to the side and back slowly three times.</source>
        <translation>2. Beweeg het been langzaam opzij en terug, drie keer.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="435"/>
        <source>1. Put the leg in the start posture and hold it still (2 s).</source>
        <translation>1. Breng het been in de starthouding en houd het stil (2 s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="428"/>
        <source>2. Rise onto the toes and lower slowly three times.</source>
        <translation>2. Ga langzaam op de tenen staan en weer terug, drie keer.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="434"/>
        <source>2. Bend and stretch the joint slowly three times.</source>
        <translation>2. Buig en strek het gewricht drie keer langzaam.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="440"/>
        <source>Quality {q:.0%}</source>
        <translation>Kwaliteit {q:.0%}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="453"/>
        <source>Quick check: hold the leg still in the start posture (2 s).</source>
        <translation>Snelle controle: houd het been stil in de startpositie (2 s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="458"/>
        <source>Last calibration fits: ready.</source>
        <translation>Vorige kalibratie past: klaar.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="475"/>
        <source>connecting</source>
        <translation>verbinden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="475"/>
        <source>connected</source>
        <translation>verbonden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="476"/>
        <source>reconnecting</source>
        <translation>opnieuw verbinden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="476"/>
        <source>lost</source>
        <translation>verbinding kwijt</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="477"/>
        <source>closed</source>
        <translation>gesloten</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="485"/>
        <source>{p:.1f}% lost</source>
        <translation>{p:.1f}% verloren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="489"/>
        <source>{n} impossible readings left out: check the sensor</source>
        <translation>{n} onmogelijke metingen weggelaten: controleer de sensor</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="494"/>
        <source>{n} samples</source>
        <translation>{n} metingen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="507"/>
        <source>Open a patient and connect the sensors first.</source>
        <translation>Open eerst een patiënt en verbind de sensoren.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="511"/>
        <source>Not calibrated: repetitions are counted, angles are shown as uncalibrated.</source>
        <translation>Niet gekalibreerd: herhalingen worden geteld, hoeken zijn ongekalibreerd.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="531"/>
        <location filename="../main_window.py" line="538"/>
        <source>Angle: {what}.</source>
        <translation>Hoek: {what}.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="532"/>
        <source>Only one sensor on this leg: {what}.</source>
        <translation>Maar een sensor op dit been: {what}.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="579"/>
        <source>Replay of set {n}</source>
        <translation>Afspelen van serie {n}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="611"/>
        <source>Save report</source>
        <translation>Rapport opslaan</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="620"/>
        <source>Report saved: {p}</source>
        <translation>Rapport opgeslagen: {p}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="622"/>
        <source>The report could not be saved: {e}</source>
        <translation>Het rapport kon niet worden opgeslagen: {e}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="648"/>
        <source>Replay finished: {n} repetitions</source>
        <translation>Afspelen klaar: {n} herhalingen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="666"/>
        <source>still</source>
        <translation>stil</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="668"/>
        <source>moving</source>
        <translation>beweegt</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="670"/>
        <source>Recording {s:.0f} s</source>
        <translation>Opname {s:.0f} s</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="672"/>
        <source>movement so far: {r:.0f}° (aim for 150° or more)</source>
        <translation>beweging tot nu: {r:.0f}° (streef naar 150° of meer)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="694"/>
        <source>A sensor seems to have moved on its strap. After this set: tighten it, then use the quick check (Use last calibration) or calibrate again.</source>
        <translation>Een sensor lijkt in zijn band verschoven. Na deze serie: zet hem vast en doe dan de snelle controle (Laatste kalibratie gebruiken) of kalibreer opnieuw.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="700"/>
        <source>The thigh lifts or turns during the repetitions (the hip helps); the knee angle includes it. Support the thigh if only the knee should work.</source>
        <translation>Het bovenbeen komt omhoog of draait tijdens de herhalingen (de heup helpt mee); de kniehoek rekent dat mee. Ondersteun het bovenbeen als alleen de knie moet werken.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="703"/>
        <source>The thigh lifts or turns during the repetitions: the knee angle takes it to stay on the chair, so it reads larger. Support the thigh.</source>
        <translation>Het bovenbeen komt omhoog of draait tijdens de herhalingen: de kniehoek gaat ervan uit dat het op de stoel blijft en valt daardoor groter uit. Ondersteun het bovenbeen.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="707"/>
        <source>The lower leg moves during the repetitions: the knee angle takes it to stay upright, so it is less exact.</source>
        <translation>Het onderbeen beweegt tijdens de herhalingen: de kniehoek gaat ervan uit dat het rechtop blijft en is daardoor minder nauwkeurig.</translation>
    </message>
</context>
<context>
    <name>TempoBars</name>
    <message>
        <location filename="../widgets.py" line="101"/>
        <source>target</source>
        <translation>doel</translation>
    </message>
    <message>
        <location filename="../widgets.py" line="121"/>
        <source>Tempo per repetition: up (blue), hold (yellow), down (orange); dashed line: prescribed</source>
        <translation>Tempo per herhaling: op (blauw), vasthouden (geel), neer (oranje); stippellijn: voorgeschreven</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../messages.py" line="16"/>
        <source>Hold the leg still in the start posture for 2 seconds.</source>
        <translation>Houd het been 2 seconden stil in de startpositie.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="17"/>
        <source>Bend and stretch the joint slowly three times.</source>
        <translation>Buig en strek het gewricht langzaam, drie keer.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="18"/>
        <source>Rise onto the toes and lower slowly three times.</source>
        <translation>Ga langzaam op de tenen staan en weer terug, drie keer.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="19"/>
        <source>Bend and stretch slowly in one plane, without twisting the leg; check that the strap is tight.</source>
        <translation>Buig en strek langzaam in een vlak, zonder het been te draaien; controleer of de band strak zit.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="21"/>
        <source>The thigh and shank sensors seem swapped: the one on the {segment} moves most; check the placements.</source>
        <translation>De sensoren van bovenbeen en onderbeen lijken verwisseld: die op het {segment} beweegt het meest; controleer de plaatsing.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="23"/>
        <source>The thigh and shank sensors do not turn like the two sides of one knee; check that both are on the same leg.</source>
        <translation>De sensoren van bovenbeen en onderbeen draaien niet als de twee kanten van een knie; controleer of ze op hetzelfde been zitten.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="25"/>
        <source>The {segment} sensor&apos;s readings are implausible ({detail}): check the sensor.</source>
        <translation>De metingen van de sensor op het {segment} kloppen niet ({detail}): controleer de sensor.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="27"/>
        <source>Knee axis found from the thigh and shank sensors together (fit {fit}).</source>
        <translation>Knieas gevonden uit de sensoren van bovenbeen en onderbeen samen (passing {fit}).</translation>
    </message>
    <message>
        <location filename="../messages.py" line="29"/>
        <source>Do the exercise&apos;s movement slowly three times.</source>
        <translation>Doe de beweging van de oefening langzaam, drie keer.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="30"/>
        <source>Move slowly in one plane, without twisting the leg; check that the strap is tight.</source>
        <translation>Beweeg langzaam in één vlak, zonder het been te draaien; controleer of de band strak zit.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="32"/>
        <source>Measured with the {segment} sensor, which moved most.</source>
        <translation>Gemeten met de sensor op het {segment}, die het meest bewoog.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="33"/>
        <source>Calibration is good.</source>
        <translation>Kalibratie is goed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="34"/>
        <source>Calibration is usable; a slower, larger movement would make it better.</source>
        <translation>Kalibratie is bruikbaar; een langzamere, grotere beweging maakt haar beter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="36"/>
        <source>no data from the {placement} sensor</source>
        <translation>geen gegevens van de sensor op het {placement}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="37"/>
        <source>the {placement} sensor sits differently than last time ({deg}°): calibrate again</source>
        <translation>de sensor op het {placement} zit anders dan de vorige keer ({deg}°): kalibreer opnieuw</translation>
    </message>
    <message>
        <location filename="../messages.py" line="39"/>
        <source>no stored calibration for these sensors</source>
        <translation>geen opgeslagen kalibratie voor deze sensoren</translation>
    </message>
    <message>
        <location filename="../messages.py" line="40"/>
        <source>the sensors did not stay still: hold the leg still in the start posture and try again</source>
        <translation>de sensoren bleven niet stil: houd het been stil in de startpositie en probeer het opnieuw</translation>
    </message>
    <message>
        <location filename="../messages.py" line="42"/>
        <source>No Bluetooth adapter found. Plug in the Bluetooth dongle or switch Bluetooth on in the computer&apos;s settings, then try again.</source>
        <translation>Geen Bluetooth-adapter gevonden. Steek de Bluetooth-dongle in of zet Bluetooth aan in de instellingen van de computer en probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="44"/>
        <source>Bluetooth is switched off. Switch it on in the computer&apos;s settings (or unblock it with the Bluetooth switch), then try again.</source>
        <translation>Bluetooth staat uit. Zet het aan in de instellingen van de computer (of met de Bluetooth-schakelaar) en probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="46"/>
        <source>Sensor {address} was not found. Switch it on (check its battery) and bring it within a few metres of the computer.</source>
        <translation>Sensor {address} is niet gevonden. Zet hem aan (controleer de batterij) en breng hem binnen een paar meter van de computer.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="48"/>
        <source>The Bluetooth adapter cannot take more sensors. Disconnect a sensor you do not need, or use a second adapter.</source>
        <translation>De Bluetooth-adapter kan geen sensoren meer aan. Koppel een sensor los die u niet nodig hebt, of gebruik een tweede adapter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="50"/>
        <source>Scanning for sensors failed ({detail}). Check that Bluetooth is on.</source>
        <translation>Zoeken naar sensoren is mislukt ({detail}). Controleer of Bluetooth aan staat.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="52"/>
        <source>Could not connect to {name} ({detail}). Bring it closer and try again.</source>
        <translation>Kon geen verbinding maken met {name} ({detail}). Breng hem dichterbij en probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="54"/>
        <source>{path} is not a session database (not an SQLite file); it was not changed. Choose another file with --db.</source>
        <translation>{path} is geen sessiedatabase (geen SQLite-bestand); het is niet gewijzigd. Kies een ander bestand met --db.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="56"/>
        <source>cannot create the session database {path}: {detail}</source>
        <translation>kan de sessiedatabase {path} niet aanmaken: {detail}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="57"/>
        <source>{path} cannot be opened as a session database ({detail}); it was not changed</source>
        <translation>{path} kan niet als sessiedatabase worden geopend ({detail}); het is niet gewijzigd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="59"/>
        <source>the disk holding {path} is full: recording stopped; everything recorded until now is saved. Free some space to record again.</source>
        <translation>de schijf met {path} is vol: de opname is gestopt; alles wat tot nu toe is opgenomen is bewaard. Maak ruimte vrij om weer op te nemen.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="62"/>
        <source>{path} is read-only: nothing can be saved</source>
        <translation>{path} is alleen-lezen: er kan niets worden opgeslagen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="63"/>
        <source>saving to {path} failed: {detail}</source>
        <translation>opslaan in {path} is mislukt: {detail}</translation>
    </message>
    <message>
        <location filename="../messages.py" line="64"/>
        <source>{path} is in use by another program: close that program (or wait until it has finished) and try again</source>
        <translation>{path} wordt door een ander programma gebruikt: sluit dat programma (of wacht tot het klaar is) en probeer het opnieuw</translation>
    </message>
    <message>
        <location filename="../messages.py" line="66"/>
        <source>{path} is damaged ({detail}); it was not changed. Keep a copy of it and recover what can be read with: monitor db recover {path} NEW.db</source>
        <translation>{path} is beschadigd ({detail}); het is niet gewijzigd. Bewaar een kopie en red wat nog leesbaar is met: monitor db recover {path} NIEUW.db</translation>
    </message>
    <message>
        <location filename="../messages.py" line="69"/>
        <source>reading or writing {path} failed ({detail}): the disk may be full, failing or removed</source>
        <translation>lezen of schrijven van {path} is mislukt ({detail}): de schijf is misschien vol, defect of verwijderd</translation>
    </message>
    <message>
        <location filename="../messages.py" line="71"/>
        <source>The session database is in use by another program: the set goes on, its samples wait in memory and are saved as soon as the database is free.</source>
        <translation>De sessiedatabase wordt door een ander programma gebruikt: de serie gaat door, de metingen wachten in het geheugen en worden opgeslagen zodra de database vrij is.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="74"/>
        <source>The session database is free again: every sample of this set so far is saved.</source>
        <translation>De sessiedatabase is weer vrij: alle metingen van deze serie tot nu toe zijn opgeslagen.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="76"/>
        <source>The set is stopped; its last samples wait in memory until the session database is free: keep the app open.</source>
        <translation>De serie is gestopt; de laatste metingen wachten in het geheugen tot de sessiedatabase vrij is: laat het programma open.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="78"/>
        <source>The patient code &apos;{code}&apos; looks like a name and a date of birth: the app keeps pseudonymous codes (e.g. P0012); use a code that does not identify the patient.</source>
        <translation>De patiëntcode '{code}' lijkt op een naam en een geboortedatum: het programma bewaart alleen pseudoniemen (bijv. P0012); gebruik een code waaraan de patiënt niet te herkennen is.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="81"/>
        <source>The patient code &apos;{code}&apos; looks like a date of birth: the app keeps pseudonymous codes (e.g. P0012); use a code that does not identify the patient.</source>
        <translation>De patiëntcode '{code}' lijkt op een geboortedatum: het programma bewaart alleen pseudoniemen (bijv. P0012); gebruik een code waaraan de patiënt niet te herkennen is.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="84"/>
        <source>The patient code &apos;{code}&apos; looks like a name: the app keeps pseudonymous codes (e.g. P0012); use a code that does not identify the patient.</source>
        <translation>De patiëntcode '{code}' lijkt op een naam: het programma bewaart alleen pseudoniemen (bijv. P0012); gebruik een code waaraan de patiënt niet te herkennen is.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="91"/>
        <source>thigh</source>
        <translation>bovenbeen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="91"/>
        <source>shank</source>
        <translation>onderbeen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="92"/>
        <source>pelvis</source>
        <translation>bekken</translation>
    </message>
    <message>
        <location filename="../messages.py" line="93"/>
        <source>right thigh</source>
        <translation>rechterbovenbeen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="93"/>
        <source>left thigh</source>
        <translation>linkerbovenbeen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="94"/>
        <source>right shank</source>
        <translation>rechteronderbeen</translation>
    </message>
    <message>
        <location filename="../messages.py" line="94"/>
        <source>left shank</source>
        <translation>linkeronderbeen</translation>
    </message>
</context>
</TS>
