	.type	_s=tart, @function
