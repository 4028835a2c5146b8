"""Writes the .npy fixtures for NpyReaderTest with NumPy itself (run once; the outputs are committed).

    python3 make_fixtures.py   # in this directory
"""
import numpy as np

np.save("f4_2x3.npy", np.array([[0.5, -1.25, 3.0], [1e-3, 2.5e6, -0.0]], dtype="<f4"))
np.save("f8_4.npy", np.array([1.0 / 3.0, -2.0, 1e-300, 7.5], dtype="<f8"))
np.save("i4_3.npy", np.array([-7, 0, 2147483647], dtype="<i4"))
np.save("i8_2.npy", np.array([-(2**40), 2**53 + 1], dtype="<i8"))
np.save("u1_2x2x2.npy", np.arange(8, dtype=np.uint8).reshape(2, 2, 2) * 30)
np.save("scalar_f4.npy", np.float32(4.5))
with open("v2_f4_3.npy", "wb") as f:
    np.lib.format.write_array(f, np.array([1.0, 2.0, 3.0], dtype="<f4"), version=(2, 0))
np.save("fortran_f4_2x2.npy", np.asfortranarray(np.array([[1, 2], [3, 4]], dtype="<f4")))
np.save("bigendian_f4_2.npy", np.array([1.0, 2.0], dtype=">f4"))
np.save("f2_2.npy", np.array([1.0, 2.0], dtype="<f2"))
