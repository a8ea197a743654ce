"""The signal core above calibration: the one pipeline (live, replay, analysis of a file),
repetition and tempo detection, the vertical rise of a heel raise, and the simulator.

Layer: imports ``monitor.core`` and ``calibration``; imported by ``devices``,
``recordings`` and the application. Pure Python + numpy/scipy/vqf, no Qt.
"""
