#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 suite for machines with pwsh: ./build.ps1 -Test runs it after the xunit suites.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/Daemontools/Daemontools.psd1') -Force
}

Describe 'ConvertFrom-Tai64N' {
    It 'splits a stamped line into timestamp, label and message' {
        $entry = '@4000000037c219bf2ef02e94 mark' | ConvertFrom-Tai64N
        $entry.Label | Should -Be '@4000000037c219bf2ef02e94'
        $entry.Message | Should -Be 'mark'
        $entry.Timestamp | Should -Be ([datetime]::new(1999, 8, 24, 4, 4, 5, [DateTimeKind]::Utc).AddTicks(7874925))
    }

    It 'passes unstamped lines through with a null timestamp, or drops them with -SkipUnstamped' {
        ('plain' | ConvertFrom-Tai64N).Timestamp | Should -BeNullOrEmpty
        'plain' | ConvertFrom-Tai64N -SkipUnstamped | Should -BeNullOrEmpty
    }

    It 'prints tai64nlocal text with -AsString' {
        $env:TZ = 'UTC'
        '@4000000037c219bf2ef02e94 mark' | ConvertFrom-Tai64N -AsString | Should -Match '^1999-08-24 0\d:04:05\.787492500 mark$'
    }

    It 'leaves malformed labels alone' {
        '@ZZ not a label' | ConvertFrom-Tai64N -AsString | Should -Be '@ZZ not a label'
    }
}

Describe 'ConvertTo-Tai64N' {
    It 'stamps lines with a label of the current time' {
        'hello' | ConvertTo-Tai64N | Should -Match '^@4[0-9a-f]{23} hello$'
    }

    It 'round-trips an instant through its label' {
        $when = [DateTimeOffset]::Parse('2024-01-01T00:00:00Z')
        $label = ConvertTo-Tai64N -Date $when
        $label | Should -Be '@400000006592008a00000000'
        ("$label x" | ConvertFrom-Tai64N).Timestamp | Should -Be $when.UtcDateTime
    }
}
