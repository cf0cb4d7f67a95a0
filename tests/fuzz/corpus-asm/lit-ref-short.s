	{ addd,0 %dr0, %dr1, _lit }
