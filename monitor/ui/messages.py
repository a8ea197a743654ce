"""Messages from the pure packages (``monitor.core.messages.Message``) in the user's language.

The templates are listed here once so that ``pyside6-lupdate`` finds them; a message whose
template has no translation is shown in English.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from monitor.core.messages import Message

CONTEXT = "messages"

TEMPLATES = (
    QT_TRANSLATE_NOOP("messages", "Hold the leg still in the start posture for 2 seconds."),
    # Where the data is (monitor.core.places).
    QT_TRANSLATE_NOOP("messages", "The session data stays in {old}, where an earlier version "
                      "kept it: it could not be moved to {new} ({detail}). Close every program "
                      "that uses it and start the monitor again, or move the folder there by "
                      "hand."),
    QT_TRANSLATE_NOOP("messages", "The session data was moved from {old}, where an earlier "
                      "version kept it, to {new}, this computer's place for it."),
    QT_TRANSLATE_NOOP("messages", "Bend and stretch the joint slowly three times."),
    QT_TRANSLATE_NOOP("messages", "Rise onto the toes and lower slowly three times."),
    QT_TRANSLATE_NOOP("messages", "Lift and lower the leg slowly three times."),
    QT_TRANSLATE_NOOP("messages", "Bend and stretch slowly in one plane, without twisting the "
                      "leg; check that the strap is tight."),
    QT_TRANSLATE_NOOP("messages", "The thigh and shank sensors seem swapped: the one on the "
                      "{segment} moves most; check the placements."),
    QT_TRANSLATE_NOOP("messages", "The thigh and shank sensors do not turn like the two sides "
                      "of one knee; check that both are on the same leg."),
    QT_TRANSLATE_NOOP("messages", "The {segment} sensor's readings are implausible ({detail}): "
                      "check the sensor."),
    QT_TRANSLATE_NOOP("messages", "Knee axis found from the thigh and shank sensors together "
                      "(fit {fit})."),
    QT_TRANSLATE_NOOP("messages", "Do the exercise's movement slowly three times."),
    QT_TRANSLATE_NOOP("messages", "Move slowly in one plane, without twisting the leg; check "
                      "that the strap is tight."),
    QT_TRANSLATE_NOOP("messages", "Measured with the {segment} sensor, which moved most."),
    QT_TRANSLATE_NOOP("messages", "Calibration is good."),
    QT_TRANSLATE_NOOP("messages", "Calibration is usable; a slower, larger movement would make "
                      "it better."),
    QT_TRANSLATE_NOOP("messages", "no data from the {placement} sensor"),
    QT_TRANSLATE_NOOP("messages", "the {placement} sensor sits differently than last time "
                      "({deg}°): calibrate again"),
    QT_TRANSLATE_NOOP("messages", "no stored calibration for these sensors"),
    QT_TRANSLATE_NOOP("messages", "the sensors did not stay still: hold the leg still in the "
                      "start posture and try again"),
    QT_TRANSLATE_NOOP("messages", "No Bluetooth adapter found. Plug in the Bluetooth dongle or "
                      "switch Bluetooth on in the computer's settings, then try again."),
    QT_TRANSLATE_NOOP("messages", "Bluetooth is switched off. Switch it on in the computer's "
                      "settings (or unblock it with the Bluetooth switch), then try again."),
    QT_TRANSLATE_NOOP("messages", "Sensor {address} was not found. Switch it on (check its "
                      "battery) and bring it within a few metres of the computer."),
    QT_TRANSLATE_NOOP("messages", "This computer does not allow the monitor to use Bluetooth. "
                      "Allow it in the computer's privacy settings, or ask whoever looks "
                      "after this computer."),
    QT_TRANSLATE_NOOP("messages", "The Bluetooth adapter cannot take more sensors. Disconnect "
                      "a sensor you do not need, or use a second adapter."),
    QT_TRANSLATE_NOOP("messages", "a count of stands is a whole number, not {v}"),
    QT_TRANSLATE_NOOP("messages", "The computer's Bluetooth service is not running. Start it "
                      "(Linux: sudo systemctl start bluetooth) or ask whoever looks after this "
                      "computer, then try again."),
    QT_TRANSLATE_NOOP("messages", "Scanning for sensors failed ({detail}). Check that Bluetooth "
                      "is on."),
    QT_TRANSLATE_NOOP("messages", "Could not connect to {name} ({detail}). Bring it closer and "
                      "try again."),
    QT_TRANSLATE_NOOP("messages", "{path} is not a session database (not an SQLite file); it "
                      "was not changed. Choose another file with --db."),
    QT_TRANSLATE_NOOP("messages", "cannot create the session database {path}: {detail}"),
    QT_TRANSLATE_NOOP("messages", "{path} cannot be opened as a session database ({detail}); it "
                      "was not changed"),
    QT_TRANSLATE_NOOP("messages", "the disk holding {path} is full: recording stopped; "
                      "everything recorded until now is saved. Free some space to record "
                      "again."),
    QT_TRANSLATE_NOOP("messages", "{path} is read-only: nothing can be saved"),
    QT_TRANSLATE_NOOP("messages", "saving to {path} failed: {detail}"),
    QT_TRANSLATE_NOOP("messages", "{path} is in use by another program: close that program (or "
                      "wait until it has finished) and try again"),
    QT_TRANSLATE_NOOP("messages", "{path} is damaged ({detail}); it was not changed. Keep a "
                      "copy of it and recover what can be read with: monitor db recover {path} "
                      "NEW.db"),
    QT_TRANSLATE_NOOP("messages", "reading or writing {path} failed ({detail}): the disk may be "
                      "full, failing or removed"),
    QT_TRANSLATE_NOOP("messages", "The session database is in use by another program: the set "
                      "goes on, its samples wait in memory and are saved as soon as the database "
                      "is free."),
    QT_TRANSLATE_NOOP("messages", "The database server cannot be reached: the set goes on and is "
                      "kept on this computer until the server answers again."),
    QT_TRANSLATE_NOOP("messages", "The database server answers again: everything recorded "
                      "meanwhile is uploaded."),
    QT_TRANSLATE_NOOP("messages", "The set is kept on this computer ({n} commits wait in {spool}): "
                      "it is uploaded when the database server answers again."),
    QT_TRANSLATE_NOOP("messages", "the database server at {where} did not accept the login "
                      "({detail}): check the user name, and the password in the password file "
                      "(~/.pgpass) or PGPASSWORD"),
    QT_TRANSLATE_NOOP("messages", "the database server at {where} refused access ({detail}): ask "
                      "whoever looks after the server to grant it"),
    QT_TRANSLATE_NOOP("messages", "no database at {where} ({detail}): check the URL given with "
                      "--db"),
    QT_TRANSLATE_NOOP("messages", "no secure connection to {where} ({detail}): the server must "
                      "offer TLS when the URL says sslmode=require"),
    QT_TRANSLATE_NOOP("messages", "the database server at {where} cannot be reached ({detail}): "
                      "check the network and that the server is running"),
    QT_TRANSLATE_NOOP("messages", "the connection to the database server at {where} was lost "
                      "({detail})"),
    QT_TRANSLATE_NOOP("messages", "the database server at {where} does not allow this ({detail}): "
                      "the app's role needs the privileges the README lists"),
    QT_TRANSLATE_NOOP("messages", "the database server at {where} is out of space ({detail}): "
                      "recording stopped; everything recorded until now is saved"),
    QT_TRANSLATE_NOOP("messages", "{path} holds the tables of another program: give another "
                      "database with --db; it was not changed"),
    QT_TRANSLATE_NOOP("messages", "nothing recorded yet in {path}: record a set first (or check "
                      "the database named with --db)"),
    QT_TRANSLATE_NOOP("messages", "{path} was written by a newer version of the app (schema "
                      "{version}; this one knows up to {known}): update the app on this computer; "
                      "the database was not changed"),
    QT_TRANSLATE_NOOP("messages", "{path} could not be upgraded to schema {version} ({detail}); "
                      "it was left as it was"),
    QT_TRANSLATE_NOOP("messages", "--db {target} is not a PostgreSQL URL that can be read "
                      "({detail})"),
    QT_TRANSLATE_NOOP("messages", "{dst} is not empty: nothing was copied. Copy into an empty "
                      "database, or add --merge to add this history to what is there"),
    QT_TRANSLATE_NOOP("messages", "the copy of {table} in {dst} has {n} rows, the source {m}"),
    QT_TRANSLATE_NOOP("messages", "the raw samples copied into {dst} differ from the source "
                      "(SHA-256 {a} against {b})"),
    QT_TRANSLATE_NOOP("messages", "{n} commits of {sets} sets recorded while {path} could not be "
                      "reached still wait in {spool}: {why}"),
    QT_TRANSLATE_NOOP("messages", "uploaded {n} commits of {sets} sets recorded while {path} could "
                      "not be reached"),
    QT_TRANSLATE_NOOP("messages", "The session database is free again: every sample of this set "
                      "so far is saved."),
    QT_TRANSLATE_NOOP("messages", "The set is stopped; its last samples wait in memory until the "
                      "session database is free: keep the app open."),
    QT_TRANSLATE_NOOP("messages", "The patient code '{code}' looks like a name and a date of "
                      "birth: the app keeps pseudonymous codes (e.g. P0012); use a code that does "
                      "not identify the patient."),
    QT_TRANSLATE_NOOP("messages", "The patient code '{code}' looks like a date of birth: the app "
                      "keeps pseudonymous codes (e.g. P0012); use a code that does not identify "
                      "the patient."),
    QT_TRANSLATE_NOOP("messages", "The patient code '{code}' looks like a name: the app keeps "
                      "pseudonymous codes (e.g. P0012); use a code that does not identify the "
                      "patient."),
    # Entries refused (monitor.core.dosing, recordings.measurements).
    QT_TRANSLATE_NOOP("messages", "load {text} is not understood: give kilograms (e.g. 8 or "
                      "8 kg), a band level ({levels}) or bodyweight"),
    QT_TRANSLATE_NOOP("messages", "tempo {text} is not understood: give four durations in "
                      "seconds, up/hold/down/rest, e.g. 2/1/2/1"),
    QT_TRANSLATE_NOOP("messages", "a result must be a number from {lo} to {hi}"),
    QT_TRANSLATE_NOOP("messages", "this test is measured per leg: say which (left or right)"),
    # Why a programme changed (recordings.treatment, the Patient tab, the command line).
    QT_TRANSLATE_NOOP("messages", "added to the programme"),
    QT_TRANSLATE_NOOP("messages", "changed in the programme"),
    QT_TRANSLATE_NOOP("messages", "changed during the visit"),
    QT_TRANSLATE_NOOP("messages", "set from the command line"),
    QT_TRANSLATE_NOOP("messages", "order"),
    # Norms of the measurement battery (monitor.core.battery).
    QT_TRANSLATE_NOOP("messages", "no age or sex norms in common use for this test"),
    QT_TRANSLATE_NOOP("messages", "no norm: year of birth and sex not recorded"),
    QT_TRANSLATE_NOOP("messages", "no norm: year of birth not recorded"),
    QT_TRANSLATE_NOOP("messages", "no norm: the norms are for women and men separately, and "
                      "the patient's sex is not recorded as either"),
    QT_TRANSLATE_NOOP("messages", "no norm for age {age}: the norms cover {lo}-{hi} years"),
    # Progression advice and the pain-monitoring model (monitor.core.dosing).
    QT_TRANSLATE_NOOP("messages", "body weight at {reps} repetitions and {sets} sets: add a "
                      "weight or a harder variant to progress"),
    QT_TRANSLATE_NOOP("messages", "reduce the range of the movement instead"),
    QT_TRANSLATE_NOOP("messages", "pain before the sessions rose from {a}/10 to {b}/10 in a week"),
    QT_TRANSLATE_NOOP("messages", "pain before the sessions rose {n} weeks in a row ({a}/10 -> "
                      "{b}/10)"),
    QT_TRANSLATE_NOOP("messages", "all {sets} sets of {reps} reached the target range at the "
                      "prescribed tempo"),
    QT_TRANSLATE_NOOP("messages", "the set of {reps} reached the target range at the "
                      "prescribed tempo"),
    QT_TRANSLATE_NOOP("messages", "both sets of {reps} reached the target range at the "
                      "prescribed tempo"),
    QT_TRANSLATE_NOOP("messages", "the dose changed after the last visit ({old} -> {new}): "
                      "see how the new dose goes first"),
    QT_TRANSLATE_NOOP("messages", "load {old} -> {new}: +{step} kg{pct}"),
    QT_TRANSLATE_NOOP("messages", "the strongest band is reached: change to weights to progress"),
    QT_TRANSLATE_NOOP("messages", "body weight: {old} -> {new} repetitions per set"),
    QT_TRANSLATE_NOOP("messages", "body weight: {old} -> {new} sets"),
    QT_TRANSLATE_NOOP("messages", "load {old} -> {new}"),
    QT_TRANSLATE_NOOP("messages", "{done} of {sets} sets done"),
    QT_TRANSLATE_NOOP("messages", "{n} of {total} repetitions fell short of the target range"),
    QT_TRANSLATE_NOOP("messages", "{n} of {total} repetitions were faster than the prescribed "
                      "tempo"),
    QT_TRANSLATE_NOOP("messages", "effort {v}/10: above the target band ({lo}-{hi}/10)"),
    QT_TRANSLATE_NOOP("messages", "the pain-monitoring model: reduce the load or the range, then "
                      "build up again"),
    QT_TRANSLATE_NOOP("messages", "next-morning pain not known yet: ask before changing the load"),
    QT_TRANSLATE_NOOP("messages", "met in {n} of {need} visits in a row at this dose: hold once "
                      "more before increasing"),
    QT_TRANSLATE_NOOP("messages", "effort {v}/10"),
    QT_TRANSLATE_NOOP("messages", "pain {v}/10, settled by the next morning"),
    QT_TRANSLATE_NOOP("messages", "load {old} -> {new}: the next band"),
    QT_TRANSLATE_NOOP("messages", "pain after the exercise {v}/10: above {max}/10, the "
                      "pain-monitoring model's limit"),
    QT_TRANSLATE_NOOP("messages", "pain the next morning {v}/10 had not settled to the usual "
                      "{usual}/10"),
    QT_TRANSLATE_NOOP("messages", "set {i}: {n} of {reps} repetitions"),
    QT_TRANSLATE_NOOP("messages", "set {i} was done with {load} instead of {dose}"),
    QT_TRANSLATE_NOOP("messages", "no sets of this exercise recorded yet"),
    QT_TRANSLATE_NOOP("messages", "pain {v}/10"),
    QT_TRANSLATE_NOOP("messages", "pain after the exercise {v}/10: acceptable, but it leaves no "
                      "margin for more load"),
    QT_TRANSLATE_NOOP("messages", "The battery of the {placement} sensor ({name}) is at "
                      "{pct}%: it may stop during the set. Charge it or use another sensor."),
    QT_TRANSLATE_NOOP("messages", "The Bluetooth adapter was removed: the set waits for it and "
                      "keeps what was recorded. Plug it in again to go on."),
    QT_TRANSLATE_NOOP("messages", "Bluetooth was switched off: the set waits for it and keeps "
                      "what was recorded. Switch it on again to go on."),
    QT_TRANSLATE_NOOP("messages", "Bluetooth is back: connecting the sensors again."),
    QT_TRANSLATE_NOOP("messages", "The {placement} sensor stopped sending: reconnecting."),
    QT_TRANSLATE_NOOP("messages", "The {placement} sensor is connected again: recording goes "
                      "on."),
    # Where in a file (monitor.core.errors.InputFileError; "{path}: {problem}" is the same in
    # every language).
    QT_TRANSLATE_NOOP("messages", "{path}, line {line}: {problem}"),
    QT_TRANSLATE_NOOP("messages", "{path}, column {column}: {problem}"),
    QT_TRANSLATE_NOOP("messages", "{path}, line {line}, column {column}: {problem}"),
    # A file that cannot be read as IMU CSV (recordings.imu_csv).
    QT_TRANSLATE_NOOP("messages", "file not found"),
    QT_TRANSLATE_NOOP("messages", "cannot be read: a loop of symbolic links"),
    QT_TRANSLATE_NOOP("messages", "cannot be read: permission denied"),
    QT_TRANSLATE_NOOP("messages", "cannot be read ({detail})"),
    QT_TRANSLATE_NOOP("messages", "IMU CSV file"),
    QT_TRANSLATE_NOOP("messages", "IMU CSV sidecar (JSON)"),
    QT_TRANSLATE_NOOP("messages", "is a folder, not an {what}"),
    QT_TRANSLATE_NOOP("messages", "a pipe (FIFO)"),
    QT_TRANSLATE_NOOP("messages", "a device"),
    QT_TRANSLATE_NOOP("messages", "a socket"),
    QT_TRANSLATE_NOOP("messages", "not a regular file"),
    QT_TRANSLATE_NOOP("messages", "is {kind}, not an {what}: give a file"),
    QT_TRANSLATE_NOOP("messages", "is not a regular file, not an {what}: give a file"),
    QT_TRANSLATE_NOOP("messages", "tabs"),
    QT_TRANSLATE_NOOP("messages", "the file is separated by {words}: save it as "
                      "comma-separated CSV (numbers with a decimal point)"),
    QT_TRANSLATE_NOOP("messages", "missing column(s) {missing} in the header (expected "
                      "{expected})"),
    QT_TRANSLATE_NOOP("messages", "magnetometer columns must be all of mag_x, mag_y, "
                      "mag_z"),
    QT_TRANSLATE_NOOP("messages", "a column name appears twice in the header"),
    QT_TRANSLATE_NOOP("messages", "cannot be parsed as IMU CSV"),
    QT_TRANSLATE_NOOP("messages", "value {value} is not a finite number"),
    QT_TRANSLATE_NOOP("messages", "binary data, not a CSV text file"),
    QT_TRANSLATE_NOOP("messages", "empty sensor label"),
    QT_TRANSLATE_NOOP("messages", "sensor labels {a} and {b} differ only by spaces: are "
                      "they one sensor or two? Write one sensor's label the "
                      "same way in every row, or give two sensors different "
                      "names"),
    QT_TRANSLATE_NOOP("messages", "time goes backwards or repeats for sensor {label} "
                      "({after} s after {before} s); rows of one sensor must "
                      "be in time order"),
    QT_TRANSLATE_NOOP("messages", "sensor {label} has fewer than two samples"),
    QT_TRANSLATE_NOOP("messages", "a quoted field contains a comma ({value}): sensor "
                      "labels must not contain commas"),
    QT_TRANSLATE_NOOP("messages", "cannot be read as CSV ({detail})"),
    QT_TRANSLATE_NOOP("messages", "line {line} is longer than {kb} KB: not a row of an "
                      "IMU CSV file"),
    QT_TRANSLATE_NOOP("messages", "file is empty (expected a header row and samples)"),
    QT_TRANSLATE_NOOP("messages", "no samples after the header row"),
    QT_TRANSLATE_NOOP("messages", "not valid {encoding} text: the file may be damaged"),
    QT_TRANSLATE_NOOP("messages", "sensor {label}: samples are {dt} s apart (median), a "
                      "rate of {rate} Hz; expected {lo}-{hi} Hz"),
    QT_TRANSLATE_NOOP("messages", "sensor {label}: samples are {dt} s apart (median), a "
                      "rate of {rate} Hz; expected {lo}-{hi} Hz; is time_s "
                      "in {unit}? It must be in seconds"),
    QT_TRANSLATE_NOOP("messages", "milliseconds"),
    QT_TRANSLATE_NOOP("messages", "microseconds"),
    QT_TRANSLATE_NOOP("messages", "row has {n} fields, expected {ncols} (truncated row?)"),
    QT_TRANSLATE_NOOP("messages", "row has {n} fields, expected {ncols}"),
    QT_TRANSLATE_NOOP("messages", "{value} is not a number"),
    QT_TRANSLATE_NOOP("messages", "sidecar is larger than {kb} KB: not a sidecar of this "
                      "format"),
    QT_TRANSLATE_NOOP("messages", "sidecar cannot be read as text (not UTF-8)"),
    QT_TRANSLATE_NOOP("messages", "sidecar is not valid JSON ({detail})"),
    QT_TRANSLATE_NOOP("messages", "sidecar is not a sidecar of this format (nested too "
                      "deeply)"),
    QT_TRANSLATE_NOOP("messages", "sidecar is not a sidecar of this format ({detail})"),
    QT_TRANSLATE_NOOP("messages", "sidecar must be a JSON object"),
    QT_TRANSLATE_NOOP("messages", "'sensors' must be an object of LABEL: {{placement}}"),
    QT_TRANSLATE_NOOP("messages", "sensor {label}: placement {what} is not one of {known}"),
    QT_TRANSLATE_NOOP("messages", "missing"),
    QT_TRANSLATE_NOOP("messages", "a JSON {type}"),
    QT_TRANSLATE_NOOP("messages", "the sidecar names sensor(s) {named} but the file has "
                      "{labels}"),
    QT_TRANSLATE_NOOP("messages", "'exercise' must be an exercise id or null"),
    QT_TRANSLATE_NOOP("messages", "'exercise': {value} is not in the catalogue (see the "
                      "README for the exercise ids), or null"),
    QT_TRANSLATE_NOOP("messages", "'side' must be 'left' or 'right', not {value}"),
    QT_TRANSLATE_NOOP("messages", "'side' must be 'left' or 'right', not that"),
    QT_TRANSLATE_NOOP("messages", "sensors {a} and {b} are both placed on the "
                      "{placement}: give each sensor its own placement"),
    QT_TRANSLATE_NOOP("messages", "'units' must be an object of COLUMN: unit"),
    QT_TRANSLATE_NOOP("messages", "the sidecar gives {column} in {unit}, but this format "
                      "reads it in {want}: convert the column (or correct 'units')"),
    QT_TRANSLATE_NOOP("messages", "no unit"),
    # Exports (recordings.bids, recordings.opensense).
    QT_TRANSLATE_NOOP("messages", "patients {a} and {b} would both be {label} in {path}: "
                      "export them to separate folders"),
    QT_TRANSLATE_NOOP("messages", "set {set} has no samples of its measured sensor"),
    # Requests refused (monitor.cli, monitor.core.battery, monitor.core.exercises,
    # recordings.measurements, monitor.signal.analysis).
    QT_TRANSLATE_NOOP("messages", "{path}: {problem} (--placement LABEL=PLACEMENT)"),
    QT_TRANSLATE_NOOP("messages", "--placement {item}: expected LABEL=PLACEMENT with "
                      "PLACEMENT one of {known}"),
    QT_TRANSLATE_NOOP("messages", "--placement: no sensor {label} in {path} (sensors: "
                      "{sensors})"),
    QT_TRANSLATE_NOOP("messages", "--axes {item}: expected LABEL=MAPPING, e.g. "
                      "right_shank=x,y,-z"),
    QT_TRANSLATE_NOOP("messages", "--axes: no sensor {label} in {path} (sensors: "
                      "{sensors})"),
    QT_TRANSLATE_NOOP("messages", "the sensors have no placements; give them in a "
                      "sidecar or with --placement LABEL=PLACEMENT (one of "
                      "{known})"),
    QT_TRANSLATE_NOOP("messages", "unknown test {test}; known tests: {known}"),
    QT_TRANSLATE_NOOP("messages", "unknown questionnaire score {score}; known: {known}"),
    QT_TRANSLATE_NOOP("messages", "unknown exercise {exercise}; known exercises: "
                      "{known}, or 'none' to count repetitions of any "
                      "movement"),
    QT_TRANSLATE_NOOP("messages", "{instrument}: a score is {lo}-{hi}, not {v}"),
    # Small groups (monitor.group, monitor.group_commands, devices.ble).
    QT_TRANSLATE_NOOP("messages", "A group has at most {n} participants."),
    QT_TRANSLATE_NOOP("messages", "Patient {code} is in the group already."),
    QT_TRANSLATE_NOOP("messages", "A group needs at least {n} participants."),
    QT_TRANSLATE_NOOP("messages", "A group has {lo} to {hi} participants, not {n}."),
    QT_TRANSLATE_NOOP("messages", "--sensor {item}: expected ADDRESS=CODE:PLACEMENT with "
                      "PLACEMENT one of {known}"),
    QT_TRANSLATE_NOOP("messages", "--sensor {item}: that sensor is given twice"),
    QT_TRANSLATE_NOOP("messages", "--sensor {item}: {address} is not a Bluetooth address "
                      "(six pairs of hex digits, as 'monitor scan' lists them)"),
    QT_TRANSLATE_NOOP("messages", "--sensor {item}: {code} has a sensor at that place "
                      "already"),
    QT_TRANSLATE_NOOP("messages", "--exercise {item}: expected CODE=EXERCISE with EXERCISE "
                      "one of {known}"),
    QT_TRANSLATE_NOOP("messages", "--exercise {item}: {code} wears no sensor in this group"),
    QT_TRANSLATE_NOOP("messages", "This exercise is measured on the {segment}: strap a "
                      "sensor there."),
    QT_TRANSLATE_NOOP("messages", "Bluetooth is full: sensor {address} cannot be connected "
                      "(sensors per adapter: {where}). Plug in another Bluetooth adapter, or "
                      "connect fewer sensors (one per participant)."),
)

# Parameters that are words (a segment, a placement) are translated too.
WORDS = (
    QT_TRANSLATE_NOOP("messages", "thigh"), QT_TRANSLATE_NOOP("messages", "shank"),
    QT_TRANSLATE_NOOP("messages", "pelvis"),
    QT_TRANSLATE_NOOP("messages", "right thigh"), QT_TRANSLATE_NOOP("messages", "left thigh"),
    QT_TRANSLATE_NOOP("messages", "right shank"), QT_TRANSLATE_NOOP("messages", "left shank"),
    # Loads (monitor.core.dosing.Load.text): bands and the body's own weight.
    QT_TRANSLATE_NOOP("messages", "body weight"),
    QT_TRANSLATE_NOOP("messages", "yellow band"), QT_TRANSLATE_NOOP("messages", "red band"),
    QT_TRANSLATE_NOOP("messages", "green band"), QT_TRANSLATE_NOOP("messages", "blue band"),
    QT_TRANSLATE_NOOP("messages", "black band"), QT_TRANSLATE_NOOP("messages", "silver band"),
    QT_TRANSLATE_NOOP("messages", "gold band"),
    # The decimal separator of the interface's language (a comma in Dutch).
    QT_TRANSLATE_NOOP("messages", "decimal point"),
)
WORD_PARAMS = ("segment", "placement", "old", "new", "load", "dose")


_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?( ?(kg|cm|s|%|°))?")


def decimal(text: str) -> str:
    """Numbers in ``text`` with the language's decimal separator ("8,5 kg" in Dutch)."""
    sep = QCoreApplication.translate(CONTEXT, "decimal point")
    if sep in ("decimal point", ".") or not _NUMBER.fullmatch(text):
        return text
    return text.replace(".", sep)


def say(text: str) -> str:
    """``text`` in the interface's language (unchanged if it is not a Message; a parameter
    that is a Message said in turn)."""
    if not isinstance(text, Message):
        return str(text)
    params = {k: say(v) if isinstance(v, Message) else
              decimal(QCoreApplication.translate(CONTEXT, v) if k in WORD_PARAMS else v)
              for k, v in text.params.items()}
    return QCoreApplication.translate(CONTEXT, text.template).format(**params)


def say_error(exc: BaseException) -> str:
    """An error's message in the interface's language."""
    if exc.args and isinstance(exc.args[0], Message):
        return say(exc.args[0])
    return str(exc)
