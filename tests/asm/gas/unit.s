! Line rows without a .debug_info of the source's own: gas describes the
! unit itself, DWARF 3: .debug_info (a DW_TAG_compile_unit: stmt_list,
! ranges (code in two sections; else low_pc/high_pc), name (the first
! file), comp_dir, producer "GNU AS 2.35.0", DW_LANG_Mips_Assembler),
! .debug_abbrev, .debug_aranges (header padded to 16), .debug_ranges
! and .debug_str (not checked here, nor the relocations of .debug_info:
! they depend on the current directory; test-dwarf.py checks them).
! The bytes and relocations are MCST gas's (checked identical).
!> shdr .debug_line 1 0 0
!> .debug_line 470000000300210000000101fb0e0d0001010101000000010000016469720000756e69742e7300010000000009020000000000000000148300010100090200000000000000001686000101
!> shdr .debug_info 1 0 0
!> .debug_info 1e000000030000000000080100000000000000000000000000000000000000000180
!> shdr .debug_abbrev 1 0 0
!> .debug_abbrev 01110010065506030e1b0e250e1305000000
!> shdr .debug_aranges 1 0 0 16
!> .debug_aranges 3c000000020000000000080000000000000000000000000010000000000000000000000000000000100000000000000000000000000000000000000000000000
!> shdr .debug_ranges 1 0 0 16
!> .debug_ranges ffffffffffffffff0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000
!> rela .debug_line 2e 50 .text 8
!> rela .debug_line 3e 50 .text.b 8
!> rela .debug_aranges 6 0 .debug_info 0
!> rela .debug_aranges 10 50 .text 0
!> rela .debug_aranges 20 50 .text.b 0
!> rela .debug_ranges 10 50 .text 0
!> rela .debug_ranges 18 50 .text 16
!> rela .debug_ranges 20 50 .text.b 0
!> rela .debug_ranges 28 50 .text.b 16
!> shdr .debug_str 1 30 1 1
        .file 1 "dir/unit.s"
        .text
        .loc 1 3
        { nop 1 }
        .loc 1 4
        { nop 1 }
        .loc 1 5
        .section .text.b, "ax"
        { nop 1 }
        .loc 1 9
        { nop 1 }
        .loc 1 10
