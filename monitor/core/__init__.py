"""The bottom layer: the sample model (batches and recordings), rotations, orientation
(VQF), the exercise catalogue, errors and messages.

Imports nothing of the project above it. Pure Python + numpy/scipy/vqf, no Qt.
"""
