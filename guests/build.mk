# guests: placeholder (filled by its owner)
