#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Pester 5 suite for Write-Multilog and Get-MultilogEntry; ./build.ps1 -Test runs it after the xunit suites.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/Daemontools/Daemontools.psd1') -Force
}

Describe 'Write-Multilog' {
    BeforeEach {
        $log = Join-Path ([System.IO.Path]::GetTempPath()) ("pester-multilog-" + [guid]::NewGuid())
    }
    AfterEach {
        Remove-Item -Recurse -Force $log -ErrorAction SilentlyContinue
    }

    It 'writes strings as lines and marks current complete' {
        'one', 'two' | Write-Multilog $log
        Get-Content (Join-Path $log 'current') | Should -Be @('one', 'two')
        (Get-Item (Join-Path $log 'current')).UnixFileMode.ToString() | Should -Match 'UserExecute'
    }

    It 'rotates at the size and keeps MaxFiles files' {
        1..2000 | ForEach-Object { "line $_ with some padding text" } | Write-Multilog $log -MaxSize 4096 -MaxFiles 3
        (Get-ChildItem $log -Filter '@*').Count | Should -Be 2
    }

    It 'renders objects the way the console shows them' {
        [pscustomobject]@{ Name = 'alpha'; Value = 1 } | Write-Multilog $log
        Get-Content (Join-Path $log 'current') | Should -Contain 'alpha     1'
    }

    It 'filters with multilog patterns' {
        'error: a', 'info: b' | Write-Multilog $log -Include 'error:*'
        Get-Content (Join-Path $log 'current') | Should -Be 'error: a'
    }

    It 'fails with LogDirectoryLocked while another process holds the lock' {
        New-Item -ItemType Directory $log | Out-Null
        # setlock holds the same flock multilog takes on DIR/lock (and execs sleep in its own pid).
        $holder = Start-Process -FilePath (Join-Path $root 'out/Daemontools/bin/setlock') -ArgumentList (Join-Path $log 'lock'), 'sleep', '60' -PassThru
        try {
            while (-not (Test-Path (Join-Path $log 'lock'))) { Start-Sleep -Milliseconds 20 }
            { 'x' | Write-Multilog $log -ErrorAction Stop } | Should -Throw -ErrorId 'LogDirectoryLocked,Daemontools.PowerShell.WriteMultilog'
        }
        finally {
            Stop-Process -Id $holder.Id -Force
        }
    }
}

Describe 'Get-MultilogEntry' {
    It 'reads rotated files oldest first, then current, with timestamps' {
        $log = Join-Path ([System.IO.Path]::GetTempPath()) ("pester-multilog-" + [guid]::NewGuid())
        try {
            1..500 | ForEach-Object { "entry $_" } | Write-Multilog $log -Timestamp -MaxSize 4096 -MaxFiles 50
            $entries = Get-MultilogEntry $log
            $entries.Message | Should -Be (1..500 | ForEach-Object { "entry $_" })
            $entries[0].Timestamp | Should -BeOfType [datetime]
            $entries[0].Timestamp.Kind | Should -Be 'Utc'
            Split-Path -Leaf $entries[-1].File | Should -Be 'current'
        }
        finally {
            Remove-Item -Recurse -Force $log
        }
    }
}
