// zlib, for inflating the parts of uploaded .docx/.xlsx files within limits (ZipLimits.swift).
// The same library ZIPFoundation links; Debian: zlib1g-dev.
#include <zlib.h>
