"""Builds qnnv._qnnv with the project's CMake (QNNV_PYTHON=ON) and puts it into the package.

pip builds this folder in place (pip >= 21.3), so the C++ sources one level up are reachable. The CMake
build directory is build/python at the repository root (QNNV_CMAKE_BUILD_DIR overrides it), so a second
install only recompiles what changed.
"""

import os
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        if not os.path.isfile(os.path.join(ROOT, "core", "include", "qnnv", "qnnv.h")):
            raise RuntimeError("qnnv's C++ sources are not at %s: install from the repository (pip install ./python)"
                               % ROOT)
        build_dir = os.environ.get("QNNV_CMAKE_BUILD_DIR") or os.path.join(ROOT, "build", "python")
        subprocess.check_call([
            "cmake", "-S", ROOT, "-B", build_dir, "-DQNNV_PYTHON=ON", "-DQNNV_BUILD_TESTS=OFF",
            "-DCMAKE_BUILD_TYPE=Release",
            # pybind11 must build for the interpreter running pip, not the first python3 on PATH
            "-DPYTHON_EXECUTABLE=" + sys.executable, "-DPython_EXECUTABLE=" + sys.executable])
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 2)
        subprocess.check_call(["cmake", "--build", build_dir, "--target", "_qnnv", "-j", jobs])
        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        built = os.path.join(build_dir, "python", "_qnnv" + suffix)
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built, target)


setup(ext_modules=[Extension("qnnv._qnnv", sources=[])], cmdclass={"build_ext": CMakeBuild})
