# dts: placeholder (filled by its owner)
