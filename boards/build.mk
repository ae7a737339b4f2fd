# boards: placeholder (filled by its owner)
