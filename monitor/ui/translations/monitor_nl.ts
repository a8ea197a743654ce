<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../history_view.py" line="41"/>
        <source>moment</source>
        <translation>moment</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="41"/>
        <source>date</source>
        <translation>datum</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="41"/>
        <source>sets</source>
        <translation>series</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="41"/>
        <source>reps</source>
        <translation>herh.</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="42"/>
        <source>best ROM (°)</source>
        <translation>beste ROM (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="42"/>
        <source>mean ROM (°)</source>
        <translation>gem. ROM (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="42"/>
        <source>change (°)</source>
        <translation>verschil (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="48"/>
        <source>ROM (°)</source>
        <translation>ROM (°)</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="51"/>
        <source>time from first repetition</source>
        <translation>tijd vanaf eerste herhaling</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="53"/>
        <source>Replay selected</source>
        <translation>Geselecteerde afspelen</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="54"/>
        <source>Overlay first and selected</source>
        <translation>Eerste en geselecteerde over elkaar</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="55"/>
        <source>Report (PDF)...</source>
        <translation>Rapport (PDF)...</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="61"/>
        <source>Exercise</source>
        <translation>Oefening</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="109"/>
        <source>best ROM</source>
        <translation>beste ROM</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="111"/>
        <source>mean ROM</source>
        <translation>gem. ROM</translation>
    </message>
    <message>
        <location filename="../history_view.py" line="143"/>
        <source>set {n}</source>
        <translation>serie {n}</translation>
    </message>
</context>
<context>
    <name>LiveView</name>
    <message>
        <location filename="../live_view.py" line="43"/>
        <source>repetitions</source>
        <translation>herhalingen</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="56"/>
        <source>time</source>
        <translation>tijd</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="69"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="69"/>
        <source>ROM (°)</source>
        <translation>ROM (°)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="70"/>
        <source>up (s)</source>
        <translation>op (s)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="70"/>
        <source>hold (s)</source>
        <translation>vast (s)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="71"/>
        <source>down (s)</source>
        <translation>neer (s)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="71"/>
        <source>note</source>
        <translation>opmerking</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="84"/>
        <source>Start  (space)</source>
        <translation>Start  (spatie)</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="86"/>
        <location filename="../live_view.py" line="142"/>
        <source>Pause</source>
        <translation>Pauze</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="88"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="142"/>
        <source>Resume</source>
        <translation>Verder</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="168"/>
        <source>last: {rom:.0f}° in {t:.1f} s</source>
        <translation>laatste: {rom:.0f}° in {t:.1f} s</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="179"/>
        <source>short of target</source>
        <translation>doel niet gehaald</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="180"/>
        <source>too fast</source>
        <translation>te snel</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="181"/>
        <source>sensor moved?</source>
        <translation>sensor verschoven?</translation>
    </message>
    <message>
        <location filename="../live_view.py" line="188"/>
        <source>Set: {n} repetitions, ROM {rom:.0f}° ± {sd:.0f}°, {tut:.0f} s under tension, {low} short of target, {fast} too fast</source>
        <translation>Serie: {n} herhalingen, ROM {rom:.0f}° ± {sd:.0f}°, {tut:.0f} s onder spanning, {low} doel niet gehaald, {fast} te snel</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="51"/>
        <source>Exercise monitor</source>
        <translation>Oefenmonitor</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="55"/>
        <source>patient code, e.g. P0012</source>
        <translation>patiëntcode, bv. P0012</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="62"/>
        <source>Open patient</source>
        <translation>Patiënt openen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="64"/>
        <source>sound</source>
        <translation>geluid</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="67"/>
        <source>speak counts</source>
        <translation>tellen hardop</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="70"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="72"/>
        <source>Moment</source>
        <translation>Meetmoment</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="74"/>
        <source>Exercise</source>
        <translation>Oefening</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="81"/>
        <location filename="../main_window.py" line="200"/>
        <source>No sensors connected.</source>
        <translation>Geen sensoren verbonden.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="84"/>
        <source>Connect demo sensors</source>
        <translation>Demosensoren verbinden</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="86"/>
        <source>Calibrate</source>
        <translation>Kalibreren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="91"/>
        <source>Sensors</source>
        <translation>Sensoren</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="95"/>
        <source>Calibration</source>
        <translation>Kalibratie</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="100"/>
        <source>note for this set</source>
        <translation>opmerking bij deze serie</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="106"/>
        <source>Note</source>
        <translation>Opmerking</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="119"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120"/>
        <source>History</source>
        <translation>Verloop</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="148"/>
        <source>Type a patient code first (no names needed), e.g. P0012.</source>
        <translation>Typ eerst een patiëntcode (geen naam nodig), bv. P0012.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="163"/>
        <source>Patient {code}: {n} earlier sessions</source>
        <translation>Patiënt {code}: {n} eerdere sessies</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="176"/>
        <source>Connect the sensors first.</source>
        <translation>Verbind eerst de sensoren.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="187"/>
        <source>1. Put the leg in the start posture and hold it still (2 s).</source>
        <translation>1. Breng het been in de starthouding en houd het stil (2 s).</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="188"/>
        <source>2. Bend and stretch the joint slowly three times.</source>
        <translation>2. Buig en strek het gewricht drie keer langzaam.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="193"/>
        <source>Quality {q:.0%}</source>
        <translation>Kwaliteit {q:.0%}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="223"/>
        <source>Open a patient and connect the sensors first.</source>
        <translation>Open eerst een patiënt en verbind de sensoren.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="227"/>
        <source>Not calibrated: repetitions are counted, angles are shown as uncalibrated.</source>
        <translation>Niet gekalibreerd: herhalingen worden geteld, hoeken zijn ongekalibreerd.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="269"/>
        <source>Replay of set {n}</source>
        <translation>Afspelen van serie {n}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="280"/>
        <source>Save report</source>
        <translation>Rapport opslaan</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="289"/>
        <source>Report saved: {p}</source>
        <translation>Rapport opgeslagen: {p}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="291"/>
        <source>The report could not be saved: {e}</source>
        <translation>Het rapport kon niet worden opgeslagen: {e}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="313"/>
        <source>Replay finished: {n} repetitions</source>
        <translation>Afspelen klaar: {n} herhalingen</translation>
    </message>
</context>
<context>
    <name>TempoBars</name>
    <message>
        <location filename="../widgets.py" line="119"/>
        <source>Tempo per repetition: up (blue), hold (yellow), down (orange); dashed line: prescribed</source>
        <translation>Tempo per herhaling: op (blauw), vasthouden (geel), neer (oranje); stippellijn: voorgeschreven</translation>
    </message>
</context>
</TS>
