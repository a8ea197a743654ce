"""The signal core: samples, orientation, angles, repetition detection and the pipeline.

Pure Python + numpy/scipy/vqf. Nothing here imports Qt; the same code runs live, in
replay and in ``monitor analyze``.
"""
